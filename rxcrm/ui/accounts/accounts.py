"""Accounts list: search, filters, sort and pagination, all done in SQL."""

from __future__ import annotations

from typing import Any

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.accounts.accounts import ACCOUNT_TYPES
from rxcrm.domain.records.csv_import import ACCOUNTS as ACCOUNTS_KIND
from rxcrm.services.accounts import accounts as service
from rxcrm.services.accounts.account_rows import account_rows
from rxcrm.services.people.field_visibility import hidden_fields
from rxcrm.services.records.saved_filters import account_filter
from rxcrm.ui import routes
from rxcrm.ui.accounts.account_form import AccountFormState, account_form_dialog
from rxcrm.ui.actions import action
from rxcrm.ui.components.conversion import NONE, optional_id, options
from rxcrm.ui.components.lists import empty_state, filter_select, pager, sort_header
from rxcrm.ui.components.owner_filter import OwnerFilterable, owner_filter
from rxcrm.ui.components.saved_filters import SavedFilterable, owner_choice, saved_filter_bar
from rxcrm.ui.layout import app_page
from rxcrm.ui.leads.imports import import_button
from rxcrm.ui.paging import PagedList
from rxcrm.ui.state import AppState


class AccountsState(PagedList, SavedFilterable, OwnerFilterable, AppState):
    """One page of accounts and the filters that produced it."""

    rows: list[dict[str, str]] = []
    sort: str = "name"
    type_filter: str = NONE
    group_filter: str = NONE
    key_accounts_only: bool = False
    favourites_only: bool = False
    group_options: list[dict[str, str]] = []

    @rx.event
    @action
    def load(self, session: Session, user: User):
        """Fetch the current page from the database (the first time in the user's default view)."""
        self._prepare_saved_filters(session, user)
        self._show_owner_filter(session, user)
        self._hide_columns(hidden_fields(session, user, service.ENTITY), "name")
        flt = account_filter(self._view_params(), user)
        page = service.list_accounts(session, user, flt, self.sort, self.limit, self.offset)
        self.rows, self.total = account_rows(session, page.items), page.total
        self.group_options = options([(g.id, g.name) for g in service.list_groups(session)], "All groups")

    def _filter_names(self) -> tuple[str, ...]:
        return ("type_filter", "owner_filter", "group_filter")

    def _saved_entity(self) -> str:
        return service.ENTITY

    def _view_params(self) -> dict[str, Any]:
        return {
            "q": self.q.strip() or None,
            "type": None if self.type_filter == NONE else self.type_filter,
            "owner_id": owner_choice(self.owner_filter),
            "group_id": optional_id(self.group_filter),
            "key_account": True if self.key_accounts_only else None,
            "favourites": True if self.favourites_only else None,
        }

    def _show_params(self, params: dict[str, Any], sort: str | None) -> None:
        self.q, self.sort = params.get("q") or "", sort or "name"
        self.type_filter = params.get("type") or NONE
        self.owner_filter = str(params.get("owner_id") or NONE)
        self.group_filter = str(params.get("group_id") or NONE)
        self.key_accounts_only = bool(params.get("key_account"))
        self.favourites_only = bool(params.get("favourites"))

    @rx.event
    def set_key_accounts_only(self, value: bool):
        """Show key accounts only."""
        self.key_accounts_only, self.offset = value, 0
        return AccountsState.load

    @rx.event
    def set_favourites_only(self, value: bool):
        """Show the user's favourites ('my accounts') only."""
        self.favourites_only, self.offset = value, 0
        return AccountsState.load


def _toolbar() -> rx.Component:
    s = AccountsState
    types = [{"value": NONE, "label": "All types"}] + [
        {"value": t, "label": t.title()} for t in ACCOUNT_TYPES
    ]
    return rx.hstack(
        rx.input(
            rx.input.slot(rx.icon("search", size=14)),
            placeholder="Search name, e-mail, city, VAT…",
            value=s.q,
            on_change=s.set_q.debounce(300),
            width="280px",
            data_testid="accounts-search",
        ),
        filter_select(AccountsState, "type_filter", types, "Type"),
        owner_filter(AccountsState, "filter-owner_filter", "accounts-owner-filter"),
        filter_select(AccountsState, "group_filter", s.group_options, "Group"),
        rx.hstack(
            rx.switch(
                checked=s.key_accounts_only, on_change=s.set_key_accounts_only, aria_label="Key accounts"
            ),
            rx.text("Key accounts", size="2"),
            align="center",
        ),
        rx.hstack(
            rx.switch(
                checked=s.favourites_only,
                on_change=s.set_favourites_only,
                aria_label="My favourites",
                data_testid="filter-favourites",
            ),
            rx.text("My favourites", size="2"),
            align="center",
        ),
        rx.spacer(),
        import_button(ACCOUNTS_KIND),
        rx.button(
            rx.icon("plus", size=16),
            "New account",
            on_click=AccountFormState.open_new(0),
            data_testid="account-new",
        ),
        width="100%",
        align="center",
        spacing="3",
        wrap="wrap",
    )


def _row(row: dict) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.link(row["name"], href=routes.ACCOUNTS + "/" + row["id"])),
        rx.table.cell(rx.badge(row["type"], variant="soft")),
        rx.table.cell(row["city"]),
        rx.table.cell(row["country"]),
        rx.table.cell(row["industry"]),
        rx.table.cell(row["owner"]),
        rx.table.cell(rx.cond(row["key_account"] != "", rx.icon("star", size=14, color="orange"))),
        data_testid="account-row",
    )


def accounts_content() -> rx.Component:
    """The accounts list page body."""
    s = AccountsState
    return rx.vstack(
        saved_filter_bar(AccountsState),
        _toolbar(),
        rx.cond(
            s.rows.length() > 0,
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        sort_header("Name", "name", s.sort, s.sort_by, s.hidden_columns),
                        sort_header("Type", "type", s.sort, s.sort_by, s.hidden_columns),
                        sort_header("City", "city", s.sort, s.sort_by, s.hidden_columns),
                        sort_header("Country", "country", s.sort, s.sort_by, s.hidden_columns),
                        sort_header("Industry", "industry", s.sort, s.sort_by, s.hidden_columns),
                        rx.table.column_header_cell("Account manager"),
                        rx.table.column_header_cell("Key"),
                    )
                ),
                rx.table.body(rx.foreach(s.rows, _row)),
                width="100%",
                variant="surface",
            ),
            empty_state("No accounts match. Change the filters or create one."),
        ),
        pager(s.total, s.offset, s.limit, s.previous_page, s.next_page),
        account_form_dialog(),
        width="100%",
        spacing="4",
    )


accounts_page = app_page("Accounts", accounts_content)
ON_LOAD = [AppState.require_login, AccountsState.load]
