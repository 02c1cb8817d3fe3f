"""Opportunities: a paginated list and a detail page (the Kanban board is its own milestone)."""

from __future__ import annotations

from typing import Any

import reflex as rx

from rxcrm.domain.errors import DomainError
from rxcrm.domain.pipeline import STAGE_KINDS
from rxcrm.services import opportunities as service
from rxcrm.services.history import history_of
from rxcrm.services.ownership import owner_is_editable
from rxcrm.services.read_models import history_rows, opportunity_rows
from rxcrm.services.saved_filters import opportunity_filter
from rxcrm.services.stages import list_stages
from rxcrm.services.users import list_users
from rxcrm.ui import routes
from rxcrm.ui.actions import acting, failure_toast, success_toast
from rxcrm.ui.components.conversion import NONE, optional_id, options
from rxcrm.ui.components.lists import empty_state, filter_select, pager, sort_header
from rxcrm.ui.components.records import field_grid, history_table, not_found
from rxcrm.ui.components.saved_filters import SavedFilterable, owner_choice, saved_filter_bar, with_me
from rxcrm.ui.follow_state import Followable, follow_button
from rxcrm.ui.layout import app_page
from rxcrm.ui.pages.account_detail import record_id_from_path
from rxcrm.ui.paging import PagedList
from rxcrm.ui.state import AppState

STATUS_OPTIONS = [{"value": NONE, "label": "All statuses"}] + [
    {"value": s, "label": s.title()} for s in STAGE_KINDS
]


class OpportunitiesState(PagedList, SavedFilterable, Followable, AppState):
    """One page of opportunities, and the one opened."""

    rows: list[dict[str, str]] = []
    sort: str = "-updated_at"
    stage_filter: str = NONE
    stage_options: list[dict[str, str]] = []
    status_filter: str = NONE
    owner_filter: str = NONE
    owner_filter_options: list[dict[str, str]] = []
    found: bool = True
    name: str = ""
    data_rows: list[dict[str, str]] = []
    history: list[dict[str, str]] = []
    opportunity_id: int = 0
    owner_id: str = ""
    owner_editable: bool = False
    owner_options: list[dict[str, str]] = []

    @rx.event
    def load(self):
        """Fetch the current page (the first time in the user's default view)."""
        try:
            with acting(self.token) as (session, user):
                self._prepare_saved_filters(session, user)
                flt = opportunity_filter(self._view_params(), user)
                page = service.list_opportunities(session, user, flt, self.sort, self.limit, self.offset)
                self.rows, self.total = opportunity_rows(session, page.items), page.total
                self.stage_options = options([(s.id, s.name) for s in list_stages(session)], "All stages")
                self.owner_filter_options = with_me(
                    options([(u.id, u.name) for u in list_users(session, limit=500).items], "All owners")
                )
        except DomainError as exc:
            return failure_toast(exc)

    @rx.event
    def load_one(self):
        """Read the opportunity of the detail page."""
        try:
            with acting(self.token) as (session, user):
                deal = service.get_opportunity(session, user, record_id_from_path(self.router.url.path))
                self.opportunity_id, self.owner_id = deal.id, str(deal.owner_id)
                self.owner_editable = owner_is_editable(session, deal)
                self.owner_options = options(
                    [(u.id, u.name) for u in list_users(session, limit=500, active=True).items], None
                )
                self._load_followers(session, user)
                row = opportunity_rows(session, [deal])[0]
                labels = (
                    ("account", "Account"),
                    ("stage", "Stage"),
                    ("status", "Status"),
                    ("amount", "Amount"),
                    ("probability", "Probability"),
                    ("close_date", "Expected close"),
                    ("owner", "Owner"),
                    ("tags", "Tags"),
                )
                self.name, self.found = deal.name, True
                self.data_rows = [{"key": k, "label": label, "value": row[k]} for k, label in labels]
                self.history = history_rows(session, history_of(session, "opportunity", deal.id))
        except DomainError:
            self.found = False

    def _filter_names(self) -> tuple[str, ...]:
        return ("stage_filter", "status_filter", "owner_filter")

    def _saved_entity(self) -> str:
        return service.ENTITY

    def _view_params(self) -> dict[str, Any]:
        return {
            "q": self.q.strip() or None,
            "stage_id": optional_id(self.stage_filter),
            "status": None if self.status_filter == NONE else self.status_filter,
            "owner_id": owner_choice(self.owner_filter),
        }

    def _show_params(self, params: dict[str, Any], sort: str | None) -> None:
        self.q, self.sort = params.get("q") or "", sort or "-updated_at"
        self.stage_filter = str(params.get("stage_id") or NONE)
        self.status_filter = params.get("status") or NONE
        self.owner_filter = str(params.get("owner_id") or NONE)

    def _followed(self) -> tuple[str, int]:
        return "opportunity", self.opportunity_id

    @rx.event
    def change_owner(self, owner_id: str):
        """Hand the opportunity to another owner (allowed only while owners are decoupled)."""
        try:
            with acting(self.token) as (session, user):
                deal = service.update_opportunity(
                    session, user, self.opportunity_id, {"owner_id": int(owner_id)}
                )
        except DomainError as exc:
            return [failure_toast(exc), OpportunitiesState.load_one]
        return [success_toast(f"'{deal.name}' handed over."), OpportunitiesState.load_one]


def opportunities_content() -> rx.Component:
    """The opportunities list body."""
    s = OpportunitiesState
    row = lambda r: rx.table.row(  # noqa: E731
        rx.table.cell(rx.link(r["name"], href=routes.OPPORTUNITIES + "/" + r["id"])),
        rx.table.cell(r["account"]),
        rx.table.cell(rx.badge(r["stage"])),
        rx.table.cell(r["amount"]),
        rx.table.cell(r["probability"]),
        rx.table.cell(r["close_date"]),
        rx.table.cell(r["owner"]),
        data_testid="opportunity-row",
    )
    return rx.vstack(
        saved_filter_bar(OpportunitiesState),
        rx.hstack(
            rx.input(
                placeholder="Search opportunities…", value=s.q, on_change=s.set_q.debounce(300), width="300px"
            ),
            filter_select(OpportunitiesState, "stage_filter", s.stage_options, "Stage"),
            filter_select(OpportunitiesState, "status_filter", STATUS_OPTIONS, "Status"),
            filter_select(OpportunitiesState, "owner_filter", s.owner_filter_options, "Owner"),
            width="100%",
        ),
        rx.cond(
            s.rows.length() > 0,
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        sort_header("Name", "name", s.sort, s.sort_by),
                        rx.table.column_header_cell("Account"),
                        rx.table.column_header_cell("Stage"),
                        sort_header("Amount", "amount", s.sort, s.sort_by),
                        sort_header("Probability", "probability", s.sort, s.sort_by),
                        sort_header("Close date", "close_date", s.sort, s.sort_by),
                        rx.table.column_header_cell("Owner"),
                    )
                ),
                rx.table.body(rx.foreach(s.rows, row)),
                width="100%",
                variant="surface",
            ),
            empty_state("No opportunities match."),
        ),
        pager(s.total, s.offset, s.limit, s.previous_page, s.next_page),
        width="100%",
        spacing="4",
    )


def _owner_picker() -> rx.Component:
    s = OpportunitiesState
    return rx.hstack(
        rx.text("Owner", size="2", weight="medium"),
        rx.select.root(
            rx.select.trigger(data_testid="opportunity-owner"),
            rx.select.content(
                rx.foreach(s.owner_options, lambda o: rx.select.item(o["label"], value=o["value"]))
            ),
            value=s.owner_id,
            on_change=OpportunitiesState.change_owner,
            disabled=~s.owner_editable,
        ),
        rx.cond(
            ~s.owner_editable,
            rx.text(
                "Follows the contact's owner (Settings → Ownership allows different owners).",
                size="1",
                color_scheme="gray",
                data_testid="opportunity-owner-locked",
            ),
        ),
        align="center",
        spacing="3",
    )


def opportunity_detail_content() -> rx.Component:
    """One opportunity: its fields and history."""
    s = OpportunitiesState
    return rx.cond(
        s.found,
        rx.vstack(
            rx.hstack(
                rx.heading(s.name, size="7", data_testid="opportunity-name"),
                rx.spacer(),
                follow_button(OpportunitiesState),
                width="100%",
                align="center",
            ),
            _owner_picker(),
            rx.tabs.root(
                rx.tabs.list(
                    rx.tabs.trigger("Data", value="data"),
                    rx.tabs.trigger("History", value="history", data_testid="tab-history"),
                ),
                rx.tabs.content(rx.box(field_grid(s.data_rows), padding_top="16px"), value="data"),
                rx.tabs.content(rx.box(history_table(s.history), padding_top="16px"), value="history"),
                default_value="data",
                width="100%",
            ),
            width="100%",
            spacing="4",
        ),
        not_found("opportunity"),
    )


opportunities_page = app_page("Opportunities", opportunities_content)
opportunity_detail_page = app_page("Opportunity", opportunity_detail_content)
LIST_ON_LOAD = [AppState.require_login, OpportunitiesState.load]
DETAIL_ON_LOAD = [AppState.require_login, OpportunitiesState.load_one]
