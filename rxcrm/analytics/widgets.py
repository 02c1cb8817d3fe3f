"""Dashboard widget data (spec §6.2): one function per widget kind, found by kind in `WIDGETS`.

Each returns the rows the chart draws and the API serves, with the catalogue's field names: ids as
ints, periods as 'YYYY-MM' / 'YYYY-Www' / 'YYYY-Qn', money as Decimal in the board currency.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlmodel import Session

from rxcrm.analytics import (
    forecast,
    widgets_activities,
    widgets_deals,
    widgets_invoices,
    widgets_marketing,
    widgets_products,
    widgets_targets,
)
from rxcrm.db.models import User
from rxcrm.domain.dashboards.widgets import WidgetParams, widget_kind
from rxcrm.domain.pipeline.forecast import money_text

WidgetRows = Callable[[Session, User, WidgetParams], list[dict[str, Any]]]
WIDGETS: dict[str, WidgetRows] = {
    "pipeline_by_stage": widgets_deals.pipeline_by_stage,
    "funnel": widgets_deals.funnel,
    "revenue": widgets_deals.revenue,
    "won_by_person": widgets_deals.won_by_person,
    "activities": widgets_activities.activities,
    "targets": widgets_targets.targets,
    "leaderboard": widgets_deals.leaderboard,
    "forecast": forecast.weighted_forecast,
    "lead_conversion": widgets_marketing.lead_conversion,
    "campaigns": widgets_marketing.campaigns,
    "partners": widgets_deals.partners,
    "won_by_product": widgets_products.won_by_product,
    "contracts": widgets_products.contracts,
    "open_invoices_by_due_week": widgets_invoices.open_invoices_by_due_week,
    "overdue_by_account": widgets_invoices.overdue_by_account,
    "paid_per_month": widgets_invoices.paid_per_month,
}


def widget_rows(session: Session, actor: User, kind: str, params: WidgetParams) -> list[dict[str, Any]]:
    """The rows a widget of `kind` shows the user for these parameters (unknown kind: not found)."""
    return WIDGETS[widget_kind(kind).kind](session, actor, params)


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return money_text(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def rows_json(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Widget rows as JSON-ready dicts: money as strings with two decimals ('1234.50'), dates ISO."""
    return [{key: _json_value(value) for key, value in row.items()} for row in rows]
