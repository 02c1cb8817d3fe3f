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
from rxcrm.services.records.saved_filters import account_filter
from rxcrm.ui import routes
from rxcrm.ui.accounts.account_form import AccountFormState, account_form_dialog
from rxcrm.ui.actions import action
from rxcrm.ui.components.controls import action_button, toolbar
from rxcrm.ui.components.conversion import NONE, optional_id, options
from rxcrm.ui.components.lists import filter_select, filter_switch, header_row, paged_table
from rxcrm.ui.components.owner_filter import OwnerFilterable, owner_filter
from rxcrm.ui.components.saved_filters import SavedFilterable, owner_choice, saved_filter_bar
from rxcrm.ui.layout import app_page
from rxcrm.ui.leads.imports import import_button
from rxcrm.ui.paging import PagedList
from rxcrm.ui.records.vcard_import import vcard_import_dialog
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
        self._hide_fields_of(session, user, service.ENTITY, "name")
        flt = account_filter(self._view_params(), user)
        page = service.list_accounts(session, user, flt, self._window())
        self.rows, self.total = account_rows(session, page.items), page.total
        self.group_options = options([(g.id, g.name) for g in service.list_groups(session)], "All groups")

    def _filter_names(self) -> tuple[str, ...]:
        return ("type_filter", "owner_filter", "group_filter", "key_accounts_only", "favourites_only")

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


def _toolbar() -> rx.Component:
    s = AccountsState
    types = [{"value": NONE, "label": "All types"}] + [
        {"value": t, "label": t.title()} for t in ACCOUNT_TYPES
    ]
    return toolbar(
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
        filter_switch(AccountsState, "key_accounts_only", "Key accounts"),
        filter_switch(AccountsState, "favourites_only", "My favourites", "filter-favourites"),
        rx.spacer(),
        import_button(ACCOUNTS_KIND),
        vcard_import_dialog("accounts", AccountsState.load),
        action_button("New account", AccountFormState.open_new(0), "account-new", icon="plus"),
        width="100%",
        spacing="3",
    )


def _header() -> rx.Component:
    sortable = (("Name", "name"), ("Type", "type"), ("City", "city"), ("Country", "country"))
    return header_row(AccountsState, *sortable, ("Industry", "industry"), "Account manager", "Key")


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
        paged_table(s, _header(), _row, "No accounts match. Change the filters or create one."),
        account_form_dialog(),
        width="100%",
        spacing="4",
    )


accounts_page = app_page("Accounts", accounts_content)
ON_LOAD = [AppState.require_login, AccountsState.load]
