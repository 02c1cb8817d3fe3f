"""The contacts pages' state: one page of the list, the new/edit dialog, the contact on its page."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.db.schemas.contacts import TEXT_FIELDS
from rxcrm.domain.errors import DomainError
from rxcrm.domain.records.saved_filters import ME
from rxcrm.domain.records.validation import record_id
from rxcrm.services.accounts import contacts as service
from rxcrm.services.accounts.contact_rows import contact_rows
from rxcrm.services.pipeline.opportunities import OpportunityFilter, list_opportunities
from rxcrm.services.pipeline.rows import opportunity_rows
from rxcrm.services.records.history import history_of
from rxcrm.services.records.listing import TAB_PAGE
from rxcrm.services.records.timeline_rows import history_rows
from rxcrm.ui import routes
from rxcrm.ui.actions import acting, action, success_toast
from rxcrm.ui.commerce.email_dialog import EmailDialogState, show_sent_emails_on
from rxcrm.ui.components.conversion import NONE, optional_id, record_id_from_path
from rxcrm.ui.components.lookup import LookupState
from rxcrm.ui.components.owner_filter import OwnerFilterable
from rxcrm.ui.form_state import FormDialog
from rxcrm.ui.paging import PagedList
from rxcrm.ui.records.activity_state import timeline
from rxcrm.ui.records.anonymize_state import AnonymizableRecord
from rxcrm.ui.records.custom_field_inputs import CustomFieldInputs
from rxcrm.ui.records.delete_state import DeletableRecord
from rxcrm.ui.records.follow_state import Followable
from rxcrm.ui.state import AppState

KIND_FILTER_OPTIONS = [
    {"value": NONE, "label": "Employees and consultants"},
    {"value": "employee", "label": "Employees"},
    {"value": "consultant", "label": "Consultants"},
]
KIND_OPTIONS = [
    {"value": "employee", "label": "Employee of an account"},
    {"value": "consultant", "label": "Consultant of a partner"},
]


class ContactsState(
    PagedList,
    FormDialog,
    Followable,
    CustomFieldInputs,
    OwnerFilterable,
    DeletableRecord,
    AnonymizableRecord,
    AppState,
):
    """One page of contacts, the open contact, and the contact form."""

    rows: list[dict[str, str]] = []
    sort: str = "last_name"
    kind_filter: str = NONE
    _back_to: str = ""  # the page that opened the new-contact form, shown again once it is saved
    contact_id: int = 0
    found: bool = True
    name: str = ""
    data_rows: list[dict[str, str]] = []
    deals: list[dict[str, str]] = []
    activities: list[dict[str, str]] = []
    history: list[dict[str, str]] = []

    @rx.event
    @action
    def load(self, session: Session, user: User):
        """Fetch the current page of contacts."""
        self._show_owner_filter(session, user)
        self._hide_fields_of(session, user, service.ENTITY, "last_name")
        flt = service.ContactFilter(
            q=self.q or None,
            owner_id=user.id if self.owner_filter == ME else optional_id(self.owner_filter),
            kind=None if self.kind_filter == NONE else self.kind_filter,
        )
        page = service.list_contacts(session, user, flt, self._window())
        self.rows, self.total = contact_rows(session, page.items), page.total

    def _followed(self) -> tuple[str, int]:
        return "contact", self.contact_id

    def _filter_names(self) -> tuple[str, ...]:
        return ("owner_filter", "kind_filter")

    @rx.event
    def load_one(self):
        """Read the contact of the detail page."""
        self.contact_id = record_id_from_path(self.router.url.path)
        try:
            with acting(self.token) as (session, user):
                contact = service.get_contact(session, user, self.contact_id)
                row = contact_rows(session, [contact])[0]
                self.name, self.found = row["name"], True
                labels = (
                    ("position", "Position"),
                    ("email", "E-mail"),
                    ("phone", "Phone"),
                    ("account", "Account"),
                    ("kind", "Kind"),
                    ("owner", "Owner"),
                )
                self.data_rows = [{"key": k, "label": label, "value": row[k]} for k, label in labels]
                deals = list_opportunities(session, user, OpportunityFilter(contact_id=contact.id), TAB_PAGE)
                self.deals = opportunity_rows(session, deals.items)
                self.history = history_rows(session, history_of(session, "contact", contact.id))
                self.activities = timeline(session, user, "contact", contact.id)[0]
                self._load_followers(session, user)
        except DomainError:
            self.found = False
        return EmailDialogState.check_recipient("contact", self.contact_id) if self.found else None

    @rx.event
    @action
    def open_form(self, session: Session, user: User, contact_id: int):
        """Open the form empty (0) or filled with a contact's values."""
        self._fill_form(session, user, contact_id)
        self._back_to = ""
        self._show_form(contact_id)
        return self._preset_lookups()

    def _fill_form(self, session: Session, user: User, contact_id: int) -> None:
        self._prepare_record_form(session, service.ENTITY)
        contact = service.get_contact(session, user, contact_id) if contact_id else None
        self._fill_record_form(contact, {"owner_id": str(user.id)})
        self.values["kind"] = self.values.get("kind") or "employee"
        for key in ("owner_id", "account_id", "partner_id"):
            self.values[key] = self.values.get(key) or NONE

    def _preset_lookups(self) -> list:
        return [
            LookupState.preset("contact-account", "account", self.values.get("account_id", "")),
            LookupState.preset("contact-partner", "partner", self.values.get("partner_id", "")),
            LookupState.preset("contact-owner", "owner", self.values.get("owner_id", "")),
        ]

    @rx.event
    def open_for_account(self):
        """On arrival from an account's 'Add contact' or a partner's 'Add consultant': the new-contact
        form, pre-filled with that account (an employee) or partner (a consultant)."""
        query = self.router.url.query_parameters
        account_id, partner_id = record_id(query.get("account", "")), record_id(query.get("partner", ""))
        if account_id is not None:
            return self._open_for("account_id", account_id, routes.account_url(account_id) + "?tab=people")
        if partner_id is not None:
            return self._open_for(
                "partner_id", partner_id, routes.partner_url(partner_id) + "?tab=consultants"
            )
        return None

    @action
    def _open_for(self, session: Session, user: User, field: str, linked: int, back: str):  # noqa: ANN202
        self._fill_form(session, user, 0)
        self.values[field] = str(linked)
        if field == "partner_id":
            self.values["kind"] = "consultant"
        self._back_to = back
        self._show_form(0)
        return self._preset_lookups()

    @rx.event
    @action(refused="_refused")
    def submit(self, session: Session, user: User, form: dict):
        """Save the contact, or show what to correct."""
        data = self._record_form(form, TEXT_FIELDS)
        if data is None:
            return
        data.update(
            owner_id=optional_id(form.get("owner_id")),
            account_id=optional_id(form.get("account_id")),
            kind=form.get("kind") or "employee",
            partner_id=optional_id(form.get("partner_id")),
        )
        data = self._without_hidden(data)
        contact = self._save_record(session, user, service.create_contact, service.update_contact, data)
        self.form_open = False
        back, self._back_to = self._back_to, ""
        return [
            success_toast(f"Contact '{contact.last_name}' saved."),
            rx.redirect(back)
            if back
            else ContactsState.load_one
            if self.contact_id == contact.id
            else ContactsState.load,
        ]

    @rx.event
    @action
    def download_vcard(self, session: Session, user: User):
        """Export the open contact as a vCard file."""
        card = service.contact_card(session, user, self.contact_id)
        return rx.download(data=card, filename=f"contact-{self.contact_id}.vcf")

    def _anonymize_record(self, session: Session, user: User) -> None:
        service.anonymize_contact(session, user, self.contact_id)

    def _anonymized(self):  # noqa: ANN202
        return ContactsState.load_one

    def _delete_record(self, session: Session, user: User) -> tuple[str, str]:
        service.delete_contact(session, user, self.contact_id)
        return f"Contact '{self.name}' deleted.", routes.CONTACTS


show_sent_emails_on("contact", ContactsState.load_one)
