"""Opportunities: the paginated, filterable list."""

from __future__ import annotations

from typing import Any

import reflex as rx

from rxcrm.domain.errors import DomainError
from rxcrm.domain.pipeline import STAGE_KINDS
from rxcrm.services import opportunities as service
from rxcrm.services.read_models import opportunity_rows
from rxcrm.services.saved_filters import opportunity_filter
from rxcrm.services.stages import list_stages
from rxcrm.services.users import list_users
from rxcrm.ui import routes
from rxcrm.ui.actions import acting, failure_toast
from rxcrm.ui.components.conversion import NONE, optional_id, options
from rxcrm.ui.components.lists import empty_state, filter_select, pager, sort_header
from rxcrm.ui.components.saved_filters import SavedFilterable, owner_choice, saved_filter_bar, with_me
from rxcrm.ui.layout import app_page
from rxcrm.ui.paging import PagedList
from rxcrm.ui.state import AppState

STATUS_OPTIONS = [{"value": NONE, "label": "All statuses"}] + [
    {"value": s, "label": s.title()} for s in STAGE_KINDS
]


class OpportunitiesState(PagedList, SavedFilterable, AppState):
    """One page of opportunities."""

    rows: list[dict[str, str]] = []
    sort: str = "-updated_at"
    stage_filter: str = NONE
    stage_options: list[dict[str, str]] = []
    status_filter: str = NONE
    owner_filter: str = NONE
    owner_filter_options: list[dict[str, str]] = []

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


opportunities_page = app_page("Opportunities", opportunities_content)
LIST_ON_LOAD = [AppState.require_login, OpportunitiesState.load]
