"""What campaigns brought (spec §5.4, §6.2): one query for the dashboard's campaign widget and a campaign's
results page.

Leads count the leads the viewer may see (received in the range), split into qualified and
disqualified; open deals are the visible deals of the campaign still open; won deals and their amount
the visible won deals closed in the range, in the board currency (deals without an exchange rate are
left out of both). A campaign's cost is converted to the board currency; without a rate it is unknown.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import plotly.graph_objects as go
from sqlalchemy import func
from sqlmodel import Session, select

from rxcrm.analytics.chart_style import LOST_COLOUR, WON_COLOUR, house_figure
from rxcrm.analytics.widget_queries import count_if, deal_amount, deal_scope, lead_scope, money, won_deals
from rxcrm.db.models import Campaign, ExchangeRate, Lead, Opportunity, User
from rxcrm.domain.dashboards.widgets import WidgetParams
from rxcrm.domain.errors import Forbidden
from rxcrm.domain.leads.campaigns import CampaignFigures, campaign_results
from rxcrm.domain.leads.lifecycle import DISQUALIFIED, QUALIFIED
from rxcrm.domain.people.reads import sees_campaign_money
from rxcrm.services.leads.campaigns import get_campaign
from rxcrm.services.people.access import visible
from rxcrm.services.people.field_visibility import require_visible
from rxcrm.services.people.permissions import require
from rxcrm.services.settings.exchange_rates import board_currency

MONEY = ("won_amount", "cost", "cost_per_lead")
REFUSED = "Campaign results: not available for your role."


def campaign_costs(session: Session, params: WidgetParams) -> dict[int, Decimal | None]:
    """Each campaign's cost in the board currency (None when its currency has no exchange rate)."""
    currency = board_currency(session)
    statement = select(Campaign.id, Campaign.cost, Campaign.currency, ExchangeRate.rate).outerjoin(
        ExchangeRate, ExchangeRate.currency == Campaign.currency
    )
    if params.campaign_id is not None:
        statement = statement.where(Campaign.id == params.campaign_id)
    costs: dict[int, Decimal | None] = {}
    for cid, cost, code, rate in session.exec(statement).all():
        known = code == currency or rate is not None
        costs[cid] = money(cost if code == currency else cost * rate) if known else None
    return costs


def _lead_counts(session: Session, actor: User, params: WidgetParams) -> dict[int, tuple[int, int, int]]:
    columns = (
        Lead.campaign_id,
        func.count(Lead.id),
        count_if(Lead.status == QUALIFIED),
        count_if(Lead.status == DISQUALIFIED),
    )
    statement = lead_scope(visible(select(*columns).select_from(Lead), Lead, actor), params, actor.time_zone)
    rows = session.exec(statement.where(Lead.campaign_id.is_not(None)).group_by(Lead.campaign_id)).all()
    return {row[0]: (int(row[1]), int(row[2]), int(row[3])) for row in rows}


def _deal_counts(session: Session, actor: User, params: WidgetParams) -> tuple[dict, dict]:
    """Open deals per campaign (count), and won deals per campaign (count, amount)."""
    open_deals = select(Opportunity.campaign_id, func.count(Opportunity.id)).select_from(Opportunity)
    open_deals = deal_scope(session, open_deals.where(Opportunity.status == "open"), actor, params)
    opened = dict(
        session.exec(
            open_deals.where(Opportunity.campaign_id.is_not(None)).group_by(Opportunity.campaign_id)
        ).all()
    )
    columns = (Opportunity.campaign_id, func.count(Opportunity.id), func.sum(deal_amount(session)))
    won = won_deals(session, columns, actor, params).where(Opportunity.campaign_id.is_not(None))
    closed = {
        row[0]: (int(row[1]), money(row[2])) for row in session.exec(won.group_by(Opportunity.campaign_id))
    }
    return opened, closed


def campaign_figures(session: Session, actor: User, params: WidgetParams) -> dict[int, CampaignFigures]:
    """Per campaign (every campaign, or the one of `params`): what it brought under the viewer's access.

    Costs are campaign money: a partner user gets none, whatever the roles matrix grants (spec §8)."""
    require(session, actor, "campaigns", "view")
    if not sees_campaign_money(actor.role, actor.partner_id):
        raise Forbidden(REFUSED)
    require_visible(session, actor, "opportunity", ("amount",), "Campaign results")
    leads = _lead_counts(session, actor, params)
    opened, won = _deal_counts(session, actor, params)
    costs = campaign_costs(session, params)
    figures = {}
    for cid in sorted(set(costs) | set(leads) | set(won) | set(opened)):
        total, qualified, disqualified = leads.get(cid, (0, 0, 0))
        won_count, won_amount = won.get(cid, (0, money(None)))
        figures[cid] = CampaignFigures(
            total, qualified, disqualified, int(opened.get(cid, 0)), won_count, won_amount, costs.get(cid)
        )
    return figures


def results_of_campaign(session: Session, actor: User, campaign_id: int) -> dict[str, Any]:
    """A campaign's all-time results (api.md) in the board currency, counting what the user may see.

    Partner users get none (campaign money is internal, spec §8)."""
    campaign = get_campaign(session, campaign_id)
    if not sees_campaign_money(actor.role, actor.partner_id):
        raise Forbidden(REFUSED)
    figures = campaign_figures(session, actor, WidgetParams(campaign_id=campaign.id))
    results = campaign_results(figures.get(campaign.id, CampaignFigures()))
    return {"campaign_id": campaign.id, **results, "currency": board_currency(session)}


def results_text(results: dict[str, Any]) -> dict[str, Any]:
    """The results as JSON: money as strings with two places, ROI as a string with one (None stays)."""
    texts = set(MONEY) | {"roi_percent"}
    return {k: str(v) if k in texts and v is not None else v for k, v in results.items()}


def results_figure(results: dict[str, Any]) -> go.Figure:
    """Bars of the campaign's cost against the revenue of its won deals (board currency)."""
    labels, keys = ["Cost", "Won revenue"], ("cost", "won_amount")
    amounts = [float(results[k] or 0) for k in keys]
    bar = go.Bar(
        x=labels,
        y=amounts,
        marker_color=[LOST_COLOUR, WON_COLOUR],
        text=[str(results[k] if results[k] is not None else "unknown") for k in keys],
        textposition="auto",
        hovertemplate="%{x}: %{y:,.2f} " + results["currency"] + "<extra></extra>",
    )
    return house_figure([bar], height=260, yaxis={"title": {"text": results["currency"]}}, showlegend=False)
