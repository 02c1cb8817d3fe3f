"""Dashboard widgets about marketing: lead conversion per period and campaign results (leads, won
amounts, cost; the query of `campaign_results`, shared with a campaign's page).

Leads count only the leads the viewer may see, won amounts only visible deals (the access rules of
§1.5); money is in the board currency.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from rxcrm.analytics.campaign_results import campaign_figures
from rxcrm.analytics.widget_queries import as_day, count_if, every_period, lead_scope, period_of, received_day
from rxcrm.db.models import Lead, User
from rxcrm.domain.dashboards.widgets import WidgetParams
from rxcrm.domain.leads.lifecycle import QUALIFIED, conversion_rate
from rxcrm.services.people.access import sees_everything, visible

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


def campaigns(session: Session, actor: User, params: WidgetParams) -> Rows:
    """Per campaign: visible leads received in the range, won amount of its deals closed in the range, cost.

    Owner/team/partner filters narrow leads and deals alike; a viewer with full access sees every
    campaign, others only campaigns with leads or won deals they may see.
    """
    figures = campaign_figures(session, actor, params)
    costs = {cid: f.cost for cid, f in figures.items() if f.cost is not None}
    received = {cid for cid, f in figures.items() if f.leads}
    won = {cid for cid, f in figures.items() if f.won_count}
    shown = set(costs) if sees_everything(actor) else (received | won) & set(costs)
    return [
        {
            "campaign_id": cid,
            "leads": figures[cid].leads,
            "won_amount": figures[cid].won_amount,
            "cost": costs[cid],
        }
        for cid in sorted(shown)
    ]
