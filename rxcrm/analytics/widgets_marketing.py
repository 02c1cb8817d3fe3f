"""Dashboard widgets about marketing: lead conversion per period and campaign results (leads, won
amounts, cost).

Leads count only the leads the viewer may see, won amounts only visible deals (the access rules of
§1.5); money is in the board currency.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from rxcrm.analytics.widget_queries import (
    as_day,
    count_if,
    deal_amount,
    every_period,
    lead_scope,
    money,
    period_of,
    received_day,
    won_deals,
)
from rxcrm.db.models import Campaign, ExchangeRate, Lead, Opportunity, User
from rxcrm.domain.dashboards.widgets import WidgetParams
from rxcrm.domain.leads.lifecycle import QUALIFIED, conversion_rate
from rxcrm.services.people.access import sees_everything, visible
from rxcrm.services.people.field_visibility import require_visible
from rxcrm.services.people.permissions import require
from rxcrm.services.settings.exchange_rates import board_currency

Rows = list[dict[str, Any]]


def lead_conversion(session: Session, actor: User, params: WidgetParams) -> Rows:
    """Per period of receipt: leads received in the range, how many of them are qualified, rate in %.

    Every period of the range is shown, empty ones at 0.
    Owner/team name the lead's owner; campaign and partner filters apply, the stage filter does not.
    """
    day = received_day(session, actor.time_zone)
    statement = select(day, func.count(Lead.id), count_if(Lead.status == QUALIFIED)).select_from(Lead)
    statement = lead_scope(visible(statement, Lead, actor), params, actor.time_zone).group_by(day)
    periods: dict[str, list[int]] = {}
    for received, total, qualified in session.exec(statement).all():
        counts = periods.setdefault(period_of(as_day(received), params.period), [0, 0])
        counts[0] += int(total)
        counts[1] += int(qualified)
    return [
        {"period": key, "leads": leads, "qualified": qualified, "rate": conversion_rate(leads, qualified)}
        for key in every_period(periods, params)
        for leads, qualified in [periods.get(key, [0, 0])]
    ]


def _campaign_costs(session: Session, params: WidgetParams) -> dict[int, Decimal]:
    """Each campaign's cost in the board currency; campaigns in a currency without a rate are left out."""
    currency = board_currency(session)
    statement = select(Campaign.id, Campaign.cost, Campaign.currency, ExchangeRate.rate).outerjoin(
        ExchangeRate, ExchangeRate.currency == Campaign.currency
    )
    if params.campaign_id is not None:
        statement = statement.where(Campaign.id == params.campaign_id)
    costs = {}
    for cid, cost, code, rate in session.exec(statement).all():
        if code == currency or rate is not None:
            costs[cid] = money(cost if code == currency else cost * rate)
    return costs


def campaigns(session: Session, actor: User, params: WidgetParams) -> Rows:
    """Per campaign: visible leads received in the range, won amount of its deals closed in the range, cost.

    Owner/team/partner filters narrow leads and deals alike; a viewer with full access sees every
    campaign, others only campaigns with leads or won deals they may see.
    """
    require(session, actor, "campaigns", "view")
    require_visible(session, actor, "opportunity", ("amount",), "Campaign results")
    leads = lead_scope(
        visible(select(Lead.campaign_id, func.count(Lead.id)).select_from(Lead), Lead, actor),
        params,
        actor.time_zone,
    )
    received = dict(session.exec(leads.where(Lead.campaign_id.is_not(None)).group_by(Lead.campaign_id)).all())
    columns = (Opportunity.campaign_id, func.sum(deal_amount(session)))
    deals = won_deals(session, columns, actor, params).where(Opportunity.campaign_id.is_not(None))
    won = dict(session.exec(deals.group_by(Opportunity.campaign_id)).all())
    costs = _campaign_costs(session, params)
    shown = set(costs) if sees_everything(actor) else (set(received) | set(won)) & set(costs)
    return [
        {
            "campaign_id": cid,
            "leads": int(received.get(cid, 0)),
            "won_amount": money(won.get(cid)),
            "cost": costs[cid],
        }
        for cid in sorted(shown)
    ]
