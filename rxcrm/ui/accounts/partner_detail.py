"""One partner (spec §5.3): overview, consultants, assigned accounts, leads and opportunities, results and
forecast, comments, history and followers. A partner user opens only his/her own partner's page."""

from __future__ import annotations

import plotly.graph_objects as go
import reflex as rx
from sqlmodel import Session

from rxcrm.analytics.partner_results import (
    MONEY,
    partner_results,
    results_figure,
    results_shown_to,
    results_text,
)
from rxcrm.db.models import User
from rxcrm.services.accounts import partners as service
from rxcrm.services.accounts.partner_rows import assigned_records, partner_data
from rxcrm.services.records.history import history_of
from rxcrm.services.records.timeline_rows import history_rows
from rxcrm.ui import routes
from rxcrm.ui.accounts.account_detail import DEAL_COLUMNS, new_contact_link
from rxcrm.ui.accounts.partner_form import PartnerFormState, partner_form_dialog
from rxcrm.ui.actions import action
from rxcrm.ui.components.controls import action_button, note
from rxcrm.ui.components.records import (
    field_grid,
    history_table,
    linked_table,
    record_page,
    record_tabs,
)
from rxcrm.ui.components.results import RecordResults, results_panel
from rxcrm.ui.form_state import FormDialog
from rxcrm.ui.layout import app_page
from rxcrm.ui.records.activity_state import ActivityLog, activities_panel, timeline
from rxcrm.ui.records.delete_state import DeletableRecord, delete_confirmation
from rxcrm.ui.records.follow_state import Followable, follow_button, followers_list
from rxcrm.ui.records.record_page import RecordPage
from rxcrm.ui.state import AppState

RESULT_LABELS = (
    ("leads", "Leads"),
    ("open_opportunities", "Open opportunities"),
    ("open_amount", "Open amount"),
    ("won_count", "Won deals"),
    ("won_amount", "Won amount"),
    ("weighted_forecast", "Weighted forecast"),
)
HIDDEN_NOTE = "The results are built from deal amounts, probabilities and close dates your role may not see."


class PartnerDetailState(RecordPage, RecordResults, DeletableRecord, Followable, AppState):
    """The partner shown and the contents of its tabs (the first rows of each)."""

    partner_id: int = 0
    active: bool = True
    tab: str = "overview"
    consultants: list[dict[str, str]] = []
    accounts: list[dict[str, str]] = []
    leads: list[dict[str, str]] = []
    deals: list[dict[str, str]] = []
    activities: list[dict[str, str]] = []
    categories: list[dict[str, str]] = []
    history: list[dict[str, str]] = []

    @rx.event
    @action(refused="_not_found")
    def load(self, session: Session, user: User):
        """Read the partner and its tabs (the URL may name the tab: `?tab=consultants`)."""
        self.partner_id = self._open_from_url("overview")
        partner = service.get_partner(session, user, self.partner_id)
        self.name, self.active, self.found = partner.name, partner.active, True
        self.data_rows = partner_data(session, partner)
        assigned = assigned_records(session, user, partner.id)
        self.consultants, self.accounts = assigned["consultants"], assigned["accounts"]
        self.leads, self.deals = assigned["leads"], assigned["opportunities"]
        self._load_results(session, user)
        self.activities, self.categories = timeline(session, user, service.ENTITY, partner.id)
        self.history = history_rows(session, history_of(session, service.ENTITY, partner.id))
        self._load_followers(session, user)

    def _load_results(self, session: Session, user: User) -> None:
        """The all-time results and their chart (a user some deal fields are hidden from gets a note)."""
        if not results_shown_to(session, user):
            self.results, self.results_note, self.figure = [], HIDDEN_NOTE, go.Figure()
            return
        results = partner_results(session, user, self.partner_id)
        shown = results_text(results)
        self.results = [
            {
                "key": key,
                "label": label,
                "value": f"{shown[key]} {shown['currency']}" if key in MONEY else str(shown[key]),
            }
            for key, label in RESULT_LABELS
        ]
        left_out = results["unconverted"]
        self.results_note = f"{left_out} deals without an exchange rate are left out." if left_out else ""
        self.figure = results_figure(results)

    def _followed(self) -> tuple[str, int]:
        return service.ENTITY, self.partner_id

    def _delete_record(self, session: Session, user: User) -> tuple[str, str]:
        service.delete_partner(session, user, self.partner_id)
        return f"Partner '{self.name}' deleted.", routes.PARTNERS


class PartnerTimelineState(ActivityLog, FormDialog, PartnerDetailState):
    """The partner's comments (sales activities) and the one being corrected."""

    def _activity_record(self) -> tuple[str, int]:
        return service.ENTITY, self.partner_id

    def _timeline_changed(self):  # noqa: ANN202
        return PartnerDetailState.load


def _header() -> rx.Component:
    s = PartnerDetailState
    delete = delete_confirmation(
        PartnerDetailState,
        "partner",
        "Only a partner nothing is assigned to can be deleted; otherwise deactivate it.",
    )
    staff_actions = rx.fragment(
        action_button("Edit", PartnerFormState.open_edit(s.partner_id), "partner-edit", icon="pencil"), delete
    )
    return rx.hstack(
        rx.heading(s.name, size="7", data_testid="partner-name"),
        rx.cond(s.active, rx.fragment(), rx.badge("inactive", size="2", data_testid="partner-inactive")),
        rx.spacer(),
        follow_button(PartnerDetailState),
        rx.cond(AppState.user_external, rx.fragment(), staff_actions),
        width="100%",
        align="center",
        spacing="3",
    )


def _results() -> rx.Component:
    s = PartnerDetailState
    body = results_panel(s, "partner")
    return rx.cond(s.results.length() > 0, body, note(s.results_note))


CONSULTANT_COLUMNS = [("name", "Name"), ("email", "E-mail"), ("phone", "Phone"), ("owner", "Owner")]
ACCOUNT_COLUMNS = [("name", "Name"), ("city", "City"), ("country", "Country"), ("owner", "Manager")]
LEAD_COLUMNS = [("name", "Name"), ("company", "Company"), ("status", "Status"), ("owner", "Owner")]
TABS = (
    ("Overview", "overview"),
    ("Consultants", "consultants"),
    ("Accounts", "accounts"),
    ("Leads", "leads"),
    ("Opportunities", "opportunities"),
    ("Results & forecast", "results"),
    ("Comments", "comments"),
    ("History", "history"),
    ("Followers", "followers"),
)


def _tabs() -> rx.Component:
    s = PartnerDetailState
    query = "?partner=" + s.partner_id.to_string()
    add_consultant = new_contact_link("Add consultant", query, "partner-add-consultant")
    consultants = rx.vstack(
        add_consultant,
        linked_table(s.consultants, CONSULTANT_COLUMNS, routes.CONTACTS, "consultant-row"),
        width="100%",
    )
    comments = activities_panel(PartnerTimelineState, s.activities, s.categories)
    panels = {
        "overview": field_grid(s.data_rows),
        "consultants": consultants,
        "accounts": linked_table(s.accounts, ACCOUNT_COLUMNS, routes.ACCOUNTS, "partner-account-row"),
        "leads": linked_table(s.leads, LEAD_COLUMNS, routes.LEADS, "partner-lead-row"),
        "opportunities": linked_table(s.deals, DEAL_COLUMNS, routes.OPPORTUNITIES, "partner-deal-row"),
        "results": _results(),
        "comments": comments,
        "history": history_table(s.history),
        "followers": followers_list(s, "partner"),
    }
    return record_tabs(s, TABS, panels)


def partner_detail_content() -> rx.Component:
    """The partner page body."""
    return record_page(PartnerDetailState.found, "partner", _header(), _tabs(), partner_form_dialog())


partner_detail_page = app_page("Partner", partner_detail_content)
ON_LOAD = [AppState.require_login, PartnerDetailState.load]
