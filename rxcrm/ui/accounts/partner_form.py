"""The new/edit partner dialog, used from the partners list and from a partner's page."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.db.schemas.partners import TEXT_FIELDS
from rxcrm.services.accounts import partners as service
from rxcrm.services.accounts.partner_rows import partner_form_values
from rxcrm.ui import routes
from rxcrm.ui.actions import action
from rxcrm.ui.components.conversion import flag, optional_id
from rxcrm.ui.components.forms import check_field, form_grid, record_form_dialog, text_field
from rxcrm.ui.components.lookup import LookupState, record_lookup
from rxcrm.ui.form_state import FormDialog
from rxcrm.ui.state import AppState

FIELDS = (
    ("Name", "name"),
    ("E-mail", "email"),
    ("Phone", "phone"),
    ("Website", "website"),
    ("Street", "street"),
    ("ZIP", "zip"),
    ("City", "city"),
    ("Country", "country"),
)
OWNER_KEY = "partner-owner"


class PartnerFormState(FormDialog, AppState):
    """What the partner dialog shows and the errors of its last submit."""

    @rx.event
    def open_new(self):
        """Open an empty form; the user who adds the partner manages it."""
        self.values = {"owner_id": str(self.user_id), "active": "true"}
        self._show_form(0)
        return LookupState.preset(OWNER_KEY, "owner", self.values["owner_id"])

    @rx.event
    @action
    def open_edit(self, session: Session, user: User, partner_id: int):
        """Open the form filled with a partner's current values."""
        self.values = partner_form_values(service.get_partner(session, user, partner_id))
        self._show_form(partner_id)
        return LookupState.preset(OWNER_KEY, "owner", self.values.get("owner_id", ""))

    @rx.event
    @action(refused="_refused")
    def submit(self, session: Session, user: User, form: dict):
        """Save the partner and open its page, or show what to correct."""
        data = {k: form.get(k, "") for k in TEXT_FIELDS if k in form}
        data.update(owner_id=optional_id(form.get("owner_id")), active=flag(form, "active"))
        partner = self._save_record(session, user, service.create_partner, service.update_partner, data)
        from rxcrm.ui.accounts.partner_detail import PartnerDetailState  # it imports this module

        url = routes.partner_url(partner.id)
        return self._saved_on_page("Partner", partner.name, PartnerDetailState.load, url)


def partner_form_dialog() -> rx.Component:
    """The modal form for a new or changed partner."""
    s = PartnerFormState
    fields = (text_field(label, name, s.values, s.errors, name == "name") for label, name in FIELDS)
    body = [
        form_grid(*fields),
        form_grid(
            record_lookup("Partner manager", "owner_id", OWNER_KEY, "owner", s.errors),
            check_field("Active (offered in pickers and the splitter)", "active", s.values),
            columns="2",
        ),
    ]
    return record_form_dialog(PartnerFormState, "partner", body, "partner-save", "760px")
