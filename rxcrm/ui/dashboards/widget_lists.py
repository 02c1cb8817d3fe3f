"""The list opened from a dashboard widget's title: exactly the deals (or leads, items) behind its number.

A link like `/opportunities?widget=pipeline_by_stage&team=North&from=2026-01-01` carries the widget's
kind and parameters; the list then shows the deals `analytics.widget_lists` counts, with their total.
The lead conversion widget opens `/leads?widget=lead_conversion&…` likewise (`widget_lead_lists`), and
"Won deals by product" the sold items it sums, `/sold-items?widget=won_by_product&…` (`widget_product_lists`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

import reflex as rx
from sqlmodel import Session

from rxcrm.analytics.widget_lead_lists import LEAD_WIDGETS, lead_page_behind, leads_total
from rxcrm.analytics.widget_lists import BEHIND, behind_total, page_behind
from rxcrm.analytics.widget_product_lists import ITEM_WIDGETS
from rxcrm.db.models import User
from rxcrm.domain.dashboards.widgets import KINDS, PARAM_NAMES, widget_params
from rxcrm.domain.errors import DomainError
from rxcrm.services.records.listing import ListWindow, Page
from rxcrm.ui import routes
from rxcrm.ui.components.controls import row_button


def behind_link(kind: str, params: Mapping[str, Any]) -> str:
    """The list of the deals (or leads) behind a widget, with its kind and every parameter."""
    query = {"widget": kind, **{k: v for k, v in params.items() if v is not None}}
    route = routes.LEADS if kind in LEAD_WIDGETS else routes.OPPORTUNITIES
    if kind in ITEM_WIDGETS:
        route = routes.SOLD_ITEMS
    return f"{route}?{urlencode(query)}"


def linked_widget(query: Mapping[str, str], kinds: Any = BEHIND) -> dict[str, Any] | None:
    """The widget a list address names (kind and parameters), or None when it names none or a bad one."""
    kind = query.get("widget")
    if kind not in kinds:
        return None
    params = {k: v for k, v in query.items() if k in PARAM_NAMES}
    try:
        widget_params(params)
    except DomainError:
        return None
    return {"kind": kind, "params": params}


class WidgetNarrowing(rx.State, mixin=True):
    """A list narrowed to the records behind a dashboard widget: its name, and the total it shows."""

    behind_title: str = ""
    behind_total: str = ""
    _behind: dict[str, Any] = {}

    def _behind_kinds(self) -> Any:
        """The widget kinds whose records this list can show."""
        return BEHIND

    def _link_widget(self, query: Mapping[str, str]) -> bool:
        """Narrow to the widget the address names (True), or drop a previous narrowing (False)."""
        linked = linked_widget(query, self._behind_kinds())
        self._behind = linked or {}
        self.behind_title = KINDS[linked["kind"]].label if linked else ""
        self.behind_total = ""
        return linked is not None


class WidgetListing(WidgetNarrowing, mixin=True):
    """A list narrowed to the deals behind a dashboard widget, with the total the widget shows."""

    def _page_behind(self, session: Session, user: User, window: ListWindow) -> Page:
        kind, params = self._behind["kind"], widget_params(self._behind["params"])
        total = behind_total(session, user, kind, params)
        noun = "deal" if total.count == 1 else "deals"
        self.behind_total = f"{total.count} {noun} · {total.amount:,.2f}"
        return page_behind(session, user, kind, params, window)

    @rx.event
    def clear_widget(self):
        """Show every deal again (leave the dashboard widget's narrowing)."""
        return rx.redirect(routes.OPPORTUNITIES)


class LeadWidgetListing(WidgetNarrowing, mixin=True):
    """The leads list narrowed to the leads behind the lead conversion widget, with its figures."""

    def _behind_kinds(self) -> Any:
        """Only the lead conversion widget's leads."""
        return LEAD_WIDGETS

    def _page_behind(self, session: Session, user: User, window: ListWindow) -> Page:
        params = widget_params(self._behind["params"])
        total = leads_total(session, user, params)
        noun = "lead" if total.count == 1 else "leads"
        self.behind_total = f"{total.count} {noun} received · {total.qualified} qualified"
        return lead_page_behind(session, user, params, window)

    @rx.event
    def clear_widget(self):
        """Show the lead lists again (leave the dashboard widget's narrowing)."""
        return rx.redirect(routes.LEADS)


def behind_banner(
    state: type, noun: str = "Deals", note: str = " (amount in the board currency)."
) -> rx.Component:
    """'Deals behind "Pipeline by stage": 12 deals · 16,770,000.00' with a way back to every record."""
    return rx.cond(
        state.behind_title != "",
        rx.callout.root(
            rx.callout.icon(rx.icon("chart-column", size=16)),
            rx.callout.text(
                f"{noun} behind the dashboard widget “",
                rx.text.strong(state.behind_title),
                "”: ",
                rx.text.strong(state.behind_total, data_testid="behind-total"),
                note,
            ),
            row_button(f"Show all {noun.lower()}", state.clear_widget, None, justify_self="start"),
            color_scheme="blue",
            width="100%",
            data_testid="behind-widget",
        ),
    )
