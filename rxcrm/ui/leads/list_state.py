"""State of the lead lists: one page of leads in a sales-activity state, its filters and the lead dialog."""

from __future__ import annotations

from typing import Any

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.leads.lifecycle import (
    ARCHIVED,
    CALLED,
    DISQUALIFIED,
    FREE_POOL,
    OPEN_LIST,
    QUALIFIED,
    RECEIVED_TODAY,
    UNPROCESSED,
    UNTOUCHED,
)
from rxcrm.services.leads import lifecycle as service
from rxcrm.services.leads.campaigns import list_campaigns
from rxcrm.services.leads.rows import lead_rows, state_tabs
from rxcrm.services.records.listing import Page
from rxcrm.services.records.saved_filters import lead_filter
from rxcrm.ui.actions import action
from rxcrm.ui.components.conversion import INVALID_ID, NONE, optional_id, options
from rxcrm.ui.components.owner_filter import OwnerFilterable
from rxcrm.ui.components.saved_filters import SavedFilterable, owner_choice
from rxcrm.ui.dashboards.widget_lists import LeadWidgetListing
from rxcrm.ui.form_state import FormDialog
from rxcrm.ui.leads.export_state import LeadExport
from rxcrm.ui.leads.lead_form import LeadForm
from rxcrm.ui.paging import PagedList
from rxcrm.ui.records.custom_field_inputs import CustomFieldInputs
from rxcrm.ui.state import AppState

LIST_TABS = (OPEN_LIST, UNTOUCHED, RECEIVED_TODAY, CALLED, QUALIFIED, DISQUALIFIED, ARCHIVED)
DEFAULT_SORT = "-created_at"


class LeadList(OwnerFilterable, mixin=True):
    """A lead list page: the rows of one page, the state it shows and its filters."""

    rows: list[dict[str, str]] = []
    sort: str = DEFAULT_SORT
    state_filter: str = OPEN_LIST
    tabs: list[dict[str, str]] = []
    campaign_filter: str = NONE
    source_filter: str = NONE
    campaign_filter_options: list[dict[str, str]] = []
    source_filter_options: list[dict[str, str]] = []

    def _filter_names(self) -> tuple[str, ...]:
        return ("state_filter", "owner_filter", "campaign_filter", "source_filter")

    def _list_params(self) -> dict[str, Any]:
        """The list's filters in saved-filter form (the owner may be 'me')."""
        return {
            "q": self.q.strip() or None,
            "state": self.state_filter,
            "owner_id": owner_choice(self.owner_filter),
            "campaign_id": optional_id(self.campaign_filter),
            "source": None if self.source_filter == NONE else self.source_filter,
        }

    def _before_load(self, session: Session, user: User) -> None:
        """What a page does before reading its rows (the saved views of /leads)."""

    def _tab_states(self) -> tuple[str, ...]:
        """The lists the page counts leads for."""
        return LIST_TABS

    def _page(self, session: Session, user: User) -> Page:
        """The current page of leads under the list's filters."""
        flt = lead_filter(self._list_params(), user)
        return service.list_leads(session, user, flt, self._window())

    @rx.event
    @action
    def load(self, session: Session, user: User):
        """Fetch the current page of leads and the numbers on the state tabs."""
        self._before_load(session, user)
        self._show_owner_filter(session, user)
        page = self._page(session, user)
        self.rows, self.total = lead_rows(session, page.items), page.total
        self.tabs = state_tabs(service.state_counts(session, user), self._tab_states())
        self._load_filter_choices(session, user)

    def _load_filter_choices(self, session: Session, user: User) -> None:
        campaigns = [(c["id"], c["name"]) for c in list_campaigns(session, user)]
        self.campaign_filter_options = options(campaigns, "All campaigns")
        sources = [(s, s) for s in service.lead_sources(session, user)]
        self.source_filter_options = options(sources, "All sources")


class LeadsState(
    LeadWidgetListing,
    LeadList,
    LeadExport,
    PagedList,
    SavedFilterable,
    LeadForm,
    FormDialog,
    CustomFieldInputs,
    AppState,
):
    """/leads: the lists by sales-activity state, with saved views."""

    def _before_load(self, session: Session, user: User) -> None:
        self._prepare_saved_filters(session, user)

    def _page(self, session: Session, user: User) -> Page:
        if self._behind:  # opened from the lead conversion widget: exactly the leads behind its figures
            return self._page_behind(session, user, self._window())
        return super()._page(session, user)

    @rx.event
    def open_page(self):
        """Page load: a link such as /leads?campaign_id=3 (from the campaigns page) presets the filter;
        /leads?widget=lead_conversion&… (a dashboard widget's title) shows the leads behind it."""
        query = self.router.url.query_parameters
        if self._link_widget(query):
            self._show_params({}, None)
            self._saved_default_applied, self.offset = True, 0
            return LeadsState.load
        campaign = query.get("campaign_id")
        if campaign and optional_id(campaign) not in (None, INVALID_ID):
            self.campaign_filter, self.state_filter, self.offset = campaign, OPEN_LIST, 0
        return LeadsState.load

    def _saved_entity(self) -> str:
        return service.ENTITY

    def _view_params(self) -> dict[str, Any]:
        return self._list_params()

    def _show_params(self, params: dict[str, Any], sort: str | None) -> None:
        self.q, self.sort = params.get("q") or "", sort or DEFAULT_SORT
        self.state_filter = params.get("state") or OPEN_LIST
        self.owner_filter = str(params.get("owner_id") or NONE)
        self.campaign_filter = str(params.get("campaign_id") or NONE)
        self.source_filter = params.get("source") or NONE


class FreePoolState(LeadList, LeadExport, PagedList, LeadForm, FormDialog, CustomFieldInputs, AppState):
    """/leads/free-pool: open leads without owner or partner; optionally only those no rule matched."""

    state_filter: str = FREE_POOL
    unprocessed_only: bool = False

    def _filter_names(self) -> tuple[str, ...]:
        return ("campaign_filter", "source_filter")

    def _tab_states(self) -> tuple[str, ...]:
        return (FREE_POOL, UNPROCESSED)

    def _new_lead_values(self, user: User) -> dict[str, str]:
        return {}

    @rx.event
    def set_unprocessed_only(self, only: bool):
        """Show only the leads no splitter rule matched, or the whole free pool."""
        self.unprocessed_only, self.offset = bool(only), 0
        self.state_filter = UNPROCESSED if self.unprocessed_only else FREE_POOL
        return FreePoolState.load
