"""The new/edit lead dialog of the lead lists and the lead page (adds a lead to an account or partner)."""

from __future__ import annotations

from typing import Any

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import Lead, User
from rxcrm.db.schemas.leads import TEXT_FIELDS
from rxcrm.domain.leads.lifecycle import PRIORITIES
from rxcrm.services.leads import lifecycle as service
from rxcrm.ui.actions import action, success_toast
from rxcrm.ui.components.controls import note
from rxcrm.ui.components.conversion import NONE, optional_id
from rxcrm.ui.components.forms import choice_field, form_dialog, text_field
from rxcrm.ui.components.lookup import LookupState, record_lookup
from rxcrm.ui.records.custom_field_inputs import custom_field_inputs

LINK_FIELDS = ("campaign_id", "owner_id", "second_owner_id", "partner_id", "account_id")
PRIORITY_OPTIONS = [{"value": p, "label": p.title()} for p in PRIORITIES]


def lead_input(form: dict[str, Any]) -> dict[str, Any]:
    """The lead form as service input: texts as typed, links as ids (a nonsense id stays invalid)."""
    data: dict[str, Any] = {k: str(form.get(k, "")) for k in TEXT_FIELDS}
    data.update({k: optional_id(form.get(k)) for k in LINK_FIELDS})
    data["priority"] = str(form.get("priority") or "normal")
    return data


def saved_message(lead: Lead) -> str:
    """What the toast says after a save; a lead that looks like a known one says so."""
    name = lead.name or lead.email or f"Lead {lead.id}"
    if lead.duplicate_of_id:
        return (
            f"Lead '{name}' saved; it looks like lead {lead.duplicate_of_id} and is flagged as a duplicate."
        )
    return f"Lead '{name}' saved."


# The lead form's type-to-search pickers: (field, picker key, record kind).
LEAD_LOOKUPS = (
    ("campaign_id", "lead-campaign", "campaign"),
    ("partner_id", "lead-partner", "partner"),
    ("account_id", "lead-account", "account"),
    ("owner_id", "lead-owner", "owner"),
    ("second_owner_id", "lead-second-owner", "owner"),
)


class LeadForm(rx.State, mixin=True):
    """A page's lead dialog (the page also mixes in FormDialog and CustomFieldInputs)."""

    def _new_lead_values(self, user: User) -> dict[str, str]:
        """What a new lead starts with: the user's own lead."""
        return {"owner_id": str(user.id)}

    @rx.event
    @action
    def open_lead_form(self, session: Session, user: User, lead_id: int):
        """Open the dialog empty (0) or filled with a lead's values."""
        self._prepare_record_form(session, service.ENTITY)
        lead = service.get_lead(session, user, lead_id) if lead_id else None
        self._fill_record_form(lead, self._new_lead_values(user))
        self.values.update({k: self.values.get(k) or NONE for k in LINK_FIELDS})
        self.values["priority"] = self.values.get("priority") or "normal"
        self._show_form(lead_id)
        return [LookupState.preset(key, kind, self.values[field]) for field, key, kind in LEAD_LOOKUPS]

    @rx.event
    @action(refused="_refused")
    def save_lead(self, session: Session, user: User, form: dict):
        """Save the lead, or show next to each field what to correct."""
        custom, problems = self._custom_from_form(form)
        if problems:
            self._show_errors(problems)
            return None
        data = self._without_hidden({**lead_input(form), "custom": custom})
        if self.editing_id:
            lead = service.update_lead(session, user, self.editing_id, data)
        else:
            lead = service.create_lead(session, user, data)
        message = saved_message(lead)
        self.form_open = False
        return [success_toast(message), self._reload()]


def lead_form_dialog(state: type) -> rx.Component:
    """The modal form of a new or changed lead."""

    def text(label: str, name: str) -> rx.Component:
        return text_field(label, name, state.values, state.errors, hidden=state.hidden)

    def choice(label: str, name: str, items: Any) -> rx.Component:
        return choice_field(label, name, state.values, state.errors, items)

    body = [
        note("A lead needs a name or an e-mail address."),
        rx.grid(
            text("Name", "name"),
            text("Company", "company"),
            text("E-mail", "email"),
            text("Phone", "phone"),
            text("Country", "country"),
            text("Source", "source"),
            columns="3",
            spacing="3",
            width="100%",
        ),
        rx.grid(
            record_lookup("Campaign", "campaign_id", "lead-campaign", "campaign", state.errors),
            choice("Priority", "priority", PRIORITY_OPTIONS),
            record_lookup(
                "Owner", "owner_id", "lead-owner", "owner", state.errors, "Nobody (free pool): type a name…"
            ),
            record_lookup("Second manager", "second_owner_id", "lead-second-owner", "owner", state.errors),
            record_lookup("Partner", "partner_id", "lead-partner", "partner", state.errors),
            record_lookup("Account", "account_id", "lead-account", "account", state.errors),
            columns="3",
            spacing="3",
            width="100%",
        ),
        custom_field_inputs(state, state.values, state.errors),
    ]
    return form_dialog(
        rx.cond(state.editing_id > 0, "Edit lead", "New lead"),
        body,
        state.save_lead,
        state.form_key,
        state.form_open,
        state.set_form_open,
        "lead-save",
    )
