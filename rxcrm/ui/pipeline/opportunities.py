"""Opportunities: the paginated, filterable list."""

from __future__ import annotations

import asyncio
from typing import Any

import reflex as rx
from reflex.vars import Var
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.errors import DomainError
from rxcrm.domain.pipeline.stages import STAGE_KINDS
from rxcrm.services.pipeline import opportunities as service
from rxcrm.services.pipeline.export import export_csv
from rxcrm.services.pipeline.moves import bulk_update
from rxcrm.services.pipeline.rows import opportunity_rows
from rxcrm.services.pipeline.stages import list_pipelines, list_stages
from rxcrm.services.pipeline.tags import tags_by_deal, tags_in_use
from rxcrm.services.records.saved_filters import opportunity_filter
from rxcrm.ui import routes
from rxcrm.ui.actions import acting, action, failure_toast, success_toast
from rxcrm.ui.components.bulk import (
    BULK_OWNER,
    RowSelection,
    bulk_bar,
    bulk_changes,
    page_checkbox,
    row_checkbox,
    updated_message,
)
from rxcrm.ui.components.controls import action_button, search_box
from rxcrm.ui.components.conversion import INVALID_ID, NONE, optional_id, options
from rxcrm.ui.components.lists import filter_select, paged_table, sort_header
from rxcrm.ui.components.lookup import LookupState
from rxcrm.ui.components.owner_filter import OwnerFilterable, owner_filter
from rxcrm.ui.components.saved_filters import SavedFilterable, owner_choice, saved_filter_bar
from rxcrm.ui.components.tags import coloured, tag_badges, tag_filter_chips
from rxcrm.ui.dashboards.widget_lists import WidgetListing, behind_banner
from rxcrm.ui.layout import app_page
from rxcrm.ui.paging import PagedList
from rxcrm.ui.state import AppState

STATUS_OPTIONS = [{"value": NONE, "label": "All statuses"}] + [
    {"value": s, "label": s.title()} for s in STAGE_KINDS
]


class OpportunitiesState(WidgetListing, PagedList, SavedFilterable, OwnerFilterable, RowSelection, AppState):
    """One page of opportunities."""

    rows: list[dict[str, str]] = []
    row_tags: dict[str, list[dict[str, str]]] = {}
    tag_chips: list[dict[str, str]] = []
    tag_filter: str = ""
    sort: str = "-updated_at"
    stage_filter: str = NONE
    stage_options: list[dict[str, str]] = []
    status_filter: str = NONE
    pipeline_filter: str = NONE
    pipeline_options: list[dict[str, str]] = []
    bulk_stage_options: list[dict[str, str]] = []

    @rx.event
    @action
    def load(self, session: Session, user: User):
        """Fetch the current page (the first time in the user's default view)."""
        self._prepare_saved_filters(session, user)
        self._show_owner_filter(session, user)
        self._hide_fields_of(session, user, service.ENTITY, "-updated_at")
        flt = opportunity_filter(self._view_params(), user)
        if self._behind:  # opened from a dashboard widget: exactly the deals behind its number
            page = self._page_behind(session, user, self._window())
        else:
            page = service.list_opportunities(session, user, flt, self._window())
        self.rows, self.total = opportunity_rows(session, page.items), page.total
        tags = tags_by_deal(session, page.items)
        self.row_tags = {str(i): coloured(t) for i, t in tags.items()}
        self._show_tag_chips(tags_in_use(session, user))
        self._load_choices(session, user)
        self._show_page_ids([r["id"] for r in self.rows])

    @rx.event
    def open_page(self):
        """Page load: a link like /opportunities?status=won&owner_id=3 (from a dashboard) presets filters."""
        query = self.router.url.query_parameters
        if self._link_widget(query):
            self._show_params({}, None)
            self._saved_default_applied, self.offset = True, 0
            return OpportunitiesState.load
        linked = {
            k: query[k]
            for k in ("stage_id", "owner_id")
            if optional_id(query.get(k)) not in (None, INVALID_ID)
        }
        if query.get("status") in STAGE_KINDS:
            linked["status"] = query["status"]
        if linked:
            self._show_params(linked, None)
            self._saved_default_applied, self.offset = True, 0
        return OpportunitiesState.load

    def _load_choices(self, session: Session, user: User) -> None:
        pipelines = list_pipelines(session)
        self.pipeline_options = options([(p.id, p.name) for p in pipelines], "All pipelines")
        stages = list_stages(session, optional_id(self.pipeline_filter))
        self.stage_options = options([(s.id, s.name) for s in stages], "All stages")
        self.bulk_stage_options = options([(s.id, s.name) for s in stages if s.kind != "lost"], "Keep stage")

    def _show_tag_chips(self, tags: list[str]) -> None:
        """The tags in use, plus the one filtered by when no visible deal carries it any more."""
        active = self.tag_filter.strip()
        if active and active.lower() not in {t.lower() for t in tags}:
            tags = [*tags, active]
        self.tag_chips = coloured(tags)

    @rx.event
    @action
    def apply_bulk(self, session: Session, user: User, form: dict):
        """Change owner, stage or tags of the ticked deals in one all-or-nothing step."""
        count = bulk_update(session, user, self._selected_ids(), bulk_changes(form))
        self.selected = []
        return [
            success_toast(updated_message(count, "opportunity", "opportunities")),
            LookupState.clear(BULK_OWNER),
            type(self).load,
        ]

    @rx.event(background=True)
    async def export(self):
        """Download every deal of the current filter and sort (all pages) as CSV, written off the loop."""
        async with self:
            job = (self.token, self._view_params(), self.sort)
        try:
            data = await asyncio.to_thread(_export, *job)
        except DomainError as exc:
            return failure_toast(exc)
        return rx.download(data=data, filename="opportunities.csv", mime_type="text/csv")

    def _filter_names(self) -> tuple[str, ...]:
        return ("stage_filter", "status_filter", "owner_filter", "tag_filter", "pipeline_filter")

    def _saved_entity(self) -> str:
        return service.ENTITY

    def _view_params(self) -> dict[str, Any]:
        return {
            "q": self.q.strip() or None,
            "stage_id": optional_id(self.stage_filter),
            "status": None if self.status_filter == NONE else self.status_filter,
            "owner_id": owner_choice(self.owner_filter),
            "tag": self.tag_filter.strip() or None,
            "pipeline_id": optional_id(self.pipeline_filter),
        }

    def _show_params(self, params: dict[str, Any], sort: str | None) -> None:
        self.q, self.sort = params.get("q") or "", sort or "-updated_at"
        self.stage_filter = str(params.get("stage_id") or NONE)
        self.status_filter = params.get("status") or NONE
        self.owner_filter = str(params.get("owner_id") or NONE)
        self.tag_filter = params.get("tag") or ""
        self.pipeline_filter = str(params.get("pipeline_id") or NONE)


def _export(token: str, params: dict[str, Any], sort: str | None) -> str:
    """The deals CSV, in its own unit of work as the logged-in user (run in a worker thread)."""
    with acting(token) as (session, user):
        return export_csv(session, user, opportunity_filter(params, user), sort)


def _row(r: Var) -> rx.Component:
    s = OpportunitiesState
    return rx.table.row(
        rx.table.cell(row_checkbox(s, r["id"])),
        rx.table.cell(rx.link(r["name"], href=routes.OPPORTUNITIES + "/" + r["id"])),
        rx.table.cell(r["account"]),
        rx.table.cell(rx.badge(r["stage"])),
        rx.table.cell(r["amount"], white_space="nowrap", text_align="right"),
        rx.table.cell(r["probability"], white_space="nowrap"),
        rx.table.cell(r["close_date"], white_space="nowrap"),
        rx.table.cell(r["owner"]),
        rx.table.cell(tag_badges(s.row_tags[r["id"]])),
        data_testid="opportunity-row",
    )


def _header() -> rx.Component:
    s = OpportunitiesState
    return rx.table.header(
        rx.table.row(
            rx.table.column_header_cell(page_checkbox(s), width="36px"),
            sort_header("Name", "name", s.sort, s.sort_by, s.hidden_columns),
            rx.table.column_header_cell("Account"),
            rx.table.column_header_cell("Stage"),
            sort_header("Amount", "amount", s.sort, s.sort_by, s.hidden_columns),
            sort_header("Probability", "probability", s.sort, s.sort_by, s.hidden_columns),
            sort_header("Close date", "close_date", s.sort, s.sort_by, s.hidden_columns),
            rx.table.column_header_cell("Owner"),
            rx.table.column_header_cell("Tags"),
        )
    )


def opportunities_content() -> rx.Component:
    """The opportunities list body: saved views, filters, tag chips, bulk bar, table, pager."""
    s = OpportunitiesState
    return rx.vstack(
        saved_filter_bar(OpportunitiesState),
        behind_banner(OpportunitiesState),
        rx.hstack(
            search_box(s.q, s.set_q.debounce(300), "Search opportunities…", "opportunities-search", "300px"),
            rx.cond(
                s.pipeline_options.length() > 2,
                filter_select(OpportunitiesState, "pipeline_filter", s.pipeline_options, "Pipeline"),
            ),
            filter_select(OpportunitiesState, "stage_filter", s.stage_options, "Stage"),
            filter_select(OpportunitiesState, "status_filter", STATUS_OPTIONS, "Status"),
            owner_filter(OpportunitiesState, "filter-owner_filter", "opportunities-owner-filter"),
            rx.spacer(),
            action_button(
                "Export CSV",
                s.export,
                "export-csv",
                icon="download",
                variant="soft",
                title="All pages of the current filter and sort",
            ),
            width="100%",
        ),
        tag_filter_chips(s.tag_chips, s.tag_filter, lambda tag: s.set_filter("tag_filter", tag)),
        bulk_bar(s, s.bulk_stage_options, s.apply_bulk),
        paged_table(s, _header(), _row, "No opportunities match."),
        width="100%",
        spacing="4",
    )


opportunities_page = app_page("Opportunities", opportunities_content)
LIST_ON_LOAD = [AppState.require_login, OpportunitiesState.open_page]
