"""A partner's results and forecast (spec §5.3): its leads, open, won and weighted deals.

The deals are added up by the forecast's one query (`forecast.forecast_days`, narrowed to the
partner): open deals count on their expected close date, won ones on the day they were closed, in the
board currency, under the caller's access rules. Deals without an exchange rate are left out of the
money and the counts, and counted apart (`unconverted`), as on the forecast page. Leads count on the
day they were received. Without a range: all time.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import plotly.graph_objects as go
from sqlalchemy import func
from sqlmodel import Session, select

from rxcrm.analytics.chart_style import OPEN_COLOUR, WON_COLOUR, house_figure
from rxcrm.analytics.forecast import FIELDS, forecast_days
from rxcrm.analytics.widget_queries import lead_scope
from rxcrm.db.models import Lead, User
from rxcrm.domain.dashboards.widgets import WidgetParams
from rxcrm.domain.pipeline.forecast import money, weighted_value
from rxcrm.domain.records.validation import FieldErrors, check_day_range
from rxcrm.services.accounts.partners import get_partner
from rxcrm.services.people.access import visible
from rxcrm.services.people.field_visibility import hidden_fields, require_visible
from rxcrm.services.settings.exchange_rates import board_currency

ZERO = Decimal(0)
MONEY = ("open_amount", "won_amount", "weighted_forecast")


def partner_results(
    session: Session, actor: User, partner_id: int, date_from: Any = None, date_to: Any = None
) -> dict[str, Any]:
    """Leads, open deals and their amount, won deals and their amount, and the weighted forecast of a
    partner the user may see (others: not found), counting only records the user may see."""
    partner = get_partner(session, actor, partner_id)
    errors = FieldErrors()
    start, end = check_day_range(errors, date_from, date_to)
    errors.raise_if_any()
    require_visible(session, actor, "opportunity", FIELDS, "Partner results")
    params = WidgetParams(start, end, partner_id=partner.id)
    totals = {"open_opportunities": 0, "open_amount": ZERO, "won_count": 0, "won_amount": ZERO}
    weighted, unconverted = ZERO, 0
    for day in forecast_days(session, actor, params, closed=True):
        unconverted += day.unconverted
        if day.status == "open":
            totals["open_opportunities"] += day.count - day.unconverted
            totals["open_amount"] += day.amount
            weighted += day.amount_x_probability
        elif day.status == "won":
            totals["won_count"] += day.count - day.unconverted
            totals["won_amount"] += day.amount
    leads = lead_scope(visible(select(func.count(Lead.id)), Lead, actor), params, actor.time_zone)
    return {
        "partner_id": partner.id,
        "leads": int(session.exec(leads).one()),
        **{key: money(value) if isinstance(value, Decimal) else value for key, value in totals.items()},
        "weighted_forecast": weighted_value(weighted),
        "currency": board_currency(session),
        "unconverted": unconverted,
    }


def results_shown_to(session: Session, actor: User) -> bool:
    """Whether the user sees every deal field the results are built from (else they are refused)."""
    return not set(FIELDS) & hidden_fields(session, actor, "opportunity")


def results_text(results: dict[str, Any]) -> dict[str, Any]:
    """The results as JSON: money as strings with two decimals."""
    return {key: str(value) if key in MONEY else value for key, value in results.items()}


def results_figure(results: dict[str, Any]) -> go.Figure:
    """A small bar chart of the partner's open, weighted and won amounts (board currency)."""
    labels = ["Open", "Weighted forecast", "Won"]
    amounts = [float(results[k]) for k in ("open_amount", "weighted_forecast", "won_amount")]
    bar = go.Bar(
        x=labels,
        y=amounts,
        marker_color=[OPEN_COLOUR, OPEN_COLOUR, WON_COLOUR],
        text=[str(results[k]) for k in ("open_amount", "weighted_forecast", "won_amount")],
        textposition="auto",
        hovertemplate="%{x}: %{y:,.2f} " + results["currency"] + "<extra></extra>",
    )
    return house_figure([bar], height=260, yaxis={"title": {"text": results["currency"]}}, showlegend=False)
