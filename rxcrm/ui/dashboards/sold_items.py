"""Sold items: the items of won deals behind "Won deals by product", one line each, grouped by product.

Opened from the widget's title as `/sold-items?widget=won_by_product&team=North&from=…`: the lines are
the widget's own (`analytics.widget_product_lists`), so they add up to its total and, per product, to
its bars. Without a widget in the address the page lists every sold item the user may see.
"""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.vars import Var
from sqlmodel import Session

from rxcrm.analytics.widget_product_lists import ITEM_WIDGETS, item_page_behind, items_total
from rxcrm.db.models import User
from rxcrm.domain.dashboards.widgets import widget_params
from rxcrm.services.records.listing import ListWindow
from rxcrm.ui import routes
from rxcrm.ui.actions import action
from rxcrm.ui.components.lists import header_row, paged_table
from rxcrm.ui.dashboards.widget_lists import WidgetNarrowing, behind_banner
from rxcrm.ui.layout import app_page
from rxcrm.ui.paging import PagedList
from rxcrm.ui.state import AppState

HEADERS = ("Product", "Item", "Quantity", "Opportunity", "Owner", "Closed", "Amount")


class SoldItemsState(WidgetNarrowing, PagedList, AppState):
    """One page of sold items, narrowed to a dashboard widget's items when the address names one."""

    rows: list[dict[str, str]] = []
    items_summary: str = ""

    def _behind_kinds(self) -> Any:
        """Only the sold items of "Won deals by product"."""
        return ITEM_WIDGETS

    @rx.event
    def open_page(self):
        """Page load: take the widget and its parameters from the address, from the first page."""
        self._link_widget(self.router.url.query_parameters)
        self.offset = 0
        return SoldItemsState.load

    @rx.event
    @action
    def load(self, session: Session, user: User):
        """Fetch the current page and the total of every line."""
        params = widget_params(self._behind.get("params", {}))
        total = items_total(session, user, params)
        # no sort: the items stay grouped by product as the widget's bars are
        page = item_page_behind(session, user, params, ListWindow(limit=self.limit, offset=self.offset))
        items = "item" if total.items == 1 else "items"
        deals = "deal" if total.deals == 1 else "deals"
        self.items_summary = f"{total.items} {items} of {total.deals} {deals} · {total.amount:,.2f}"
        self.behind_total = self.items_summary if self.behind_title else ""
        self.rows, self.total = page.items, page.total
        return None

    @rx.event
    def clear_widget(self):
        """Show every sold item again (leave the dashboard widget's narrowing)."""
        return rx.redirect(routes.SOLD_ITEMS)


def _row(r: Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(rx.text(r["product"], weight="medium")),
        rx.table.cell(r["item"]),
        rx.table.cell(r["quantity"], text_align="right"),
        rx.table.cell(rx.link(r["deal"], href=routes.OPPORTUNITIES + "/" + r["deal_id"])),
        rx.table.cell(r["owner"]),
        rx.table.cell(r["closed"], white_space="nowrap"),
        rx.table.cell(r["amount"], white_space="nowrap", text_align="right"),
        data_testid="sold-item-row",
    )


def sold_items_content() -> rx.Component:
    """The banner of the widget behind the list (if any), the total, the lines and the pager."""
    s = SoldItemsState
    return rx.vstack(
        behind_banner(SoldItemsState, "Sold items", " (amount in the board currency)."),
        rx.cond(
            s.behind_title == "",
            rx.text(
                "Items on the active quotes of won deals: ",
                rx.text.strong(s.items_summary, data_testid="sold-items-total"),
                " (amount in the board currency).",
                size="2",
            ),
        ),
        paged_table(s, header_row(s, *HEADERS), _row, "No sold items match."),
        width="100%",
        spacing="4",
    )


sold_items_page = app_page("Sold items", sold_items_content)
ON_LOAD = [AppState.require_login, SoldItemsState.open_page]
