"""The lead on the detail page: what it shows, and its actions (disqualify, archive, anonymize, merge)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import Lead, User
from rxcrm.domain.errors import DomainError
from rxcrm.services.leads import lifecycle as service
from rxcrm.services.leads.merging import merge_duplicate
from rxcrm.services.leads.rows import lead_data, lead_header
from rxcrm.services.records.history import history_of
from rxcrm.services.records.timeline_rows import history_rows
from rxcrm.ui import routes
from rxcrm.ui.actions import acting, action, success_toast
from rxcrm.ui.commerce.email_dialog import EmailDialogState, show_sent_emails_on
from rxcrm.ui.components.conversion import record_id_from_path
from rxcrm.ui.components.setters import setter
from rxcrm.ui.records.activity_state import timeline
from rxcrm.ui.records.follow_state import Followable
from rxcrm.ui.state import AppState

LeadAction = Callable[[Session, User, int], Any]


class LeadState(Followable, AppState):
    """The lead opened on the detail page and the confirmations of its actions."""

    found: bool = True
    lead_id: int = 0
    name: str = ""
    status: str = ""
    archived: bool = False
    anonymized: bool = False
    duplicate_of: str = ""
    original_name: str = ""
    opportunity_id: str = ""
    opportunity_name: str = ""
    data_rows: list[dict[str, str]] = []
    history: list[dict[str, str]] = []
    activities: list[dict[str, str]] = []
    categories: list[dict[str, str]] = []
    disqualify_open: bool = False
    anonymize_open: bool = False
    merge_open: bool = False

    @rx.event
    def load_one(self):
        """Read the lead of the detail page and the contents of its tabs."""
        try:
            with acting(self.token) as (session, user):
                lead = service.get_lead(session, user, record_id_from_path(self.router.url.path))
                self.lead_id, self.found = lead.id, True
                self._show_lead(session, user, lead)
        except DomainError:
            self.found, self.lead_id = False, 0
        return EmailDialogState.check_recipient("lead", self.lead_id) if self.found else None

    def _show_lead(self, session: Session, user: User, lead: Lead) -> None:
        head = lead_header(session, lead)
        self.name, self.status = head["name"], head["status"]
        self.archived, self.anonymized = head["archived"], head["anonymized"]
        self.duplicate_of, self.original_name = head["duplicate_of"], head["original_name"]
        self.opportunity_id, self.opportunity_name = head["opportunity_id"], head["opportunity_name"]
        self.data_rows = lead_data(session, lead)
        self.history = history_rows(session, history_of(session, service.ENTITY, lead.id))
        self.activities, self.categories = timeline(session, user, service.ENTITY, lead.id)
        self._load_followers(session, user)

    def _followed(self) -> tuple[str, int]:
        return service.ENTITY, self.lead_id

    def _reload(self):  # noqa: ANN202
        return LeadState.load_one

    @action(reload="load_one")
    def _run(self, session: Session, user: User, action: LeadAction, done: str):
        """One action on the lead, a toast saying how it went, and the page read again."""
        action(session, user, self.lead_id)
        return [success_toast(done), LeadState.load_one]

    set_disqualify_open = setter(
        "disqualify_open", "Show or hide the disqualification dialog.", value_type=bool
    )

    @rx.event
    @action
    def disqualify(self, session: Session, user: User, form: dict):
        """Close the lead as not worth pursuing, with the reason given (the dialog stays until one is)."""
        service.disqualify_lead(session, user, self.lead_id, str(form.get("reason", "")))
        self.disqualify_open = False
        return [success_toast("Lead disqualified."), LeadState.load_one]

    @rx.event
    def toggle_archived(self):
        """Archive the lead out of the working lists, or bring it back."""
        archive = not self.archived
        return self._run(
            lambda s, u, i: service.set_archived(s, u, i, archive),
            "Lead archived." if archive else "Lead back in the lists.",
        )

    set_anonymize_open = setter("anonymize_open", "Show or hide the anonymize confirmation.", value_type=bool)

    @rx.event
    def anonymize(self):
        """Erase the lead's personal data for good (statistics stay)."""
        self.anonymize_open = False
        return self._run(service.anonymize_lead, "Personal data erased.")

    set_merge_open = setter("merge_open", "Show or hide the merge confirmation.", value_type=bool)

    @rx.event
    @action
    def merge(self, session: Session, user: User):
        """Fold this duplicate into its original and open the original."""
        self.merge_open = False
        original = merge_duplicate(session, user, self.lead_id)
        return [
            success_toast("Duplicate merged into the original."),
            rx.redirect(routes.lead_url(original.id)),
        ]


show_sent_emails_on("lead", LeadState.load_one)
