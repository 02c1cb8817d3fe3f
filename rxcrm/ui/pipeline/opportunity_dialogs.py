"""Dialogs of the opportunity page: edit, lost reason, delete, pick a project/account/partner."""

from __future__ import annotations

from datetime import date
from typing import Any

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.accounts.ownership import SECOND_MANAGER
from rxcrm.domain.records.validation import whole_number
from rxcrm.services.pipeline import opportunities as service
from rxcrm.services.settings.toggles import current_settings
from rxcrm.ui.actions import action, success_toast
from rxcrm.ui.components.conversion import NONE, optional_id
from rxcrm.ui.components.dialogs import confirm_dialog, small_form_dialog
from rxcrm.ui.components.forms import form_dialog, lost_reason_field, text_field
from rxcrm.ui.components.lookup import LookupState, record_lookup
from rxcrm.ui.components.setters import setter
from rxcrm.ui.form_state import FormDialog
from rxcrm.ui.pipeline.opportunity_state import OpportunityState
from rxcrm.ui.records.custom_field_inputs import CustomFieldInputs, custom_field_inputs

LINKS = ("account_id", "contact_id", "partner_id", "campaign_id", "project_id", "second_owner_id")
# The deal form's type-to-search pickers: (field, picker key, record kind).
LOOKUPS = (
    ("account_id", "deal-account", "account"),
    ("contact_id", "deal-contact", "contact"),
    ("partner_id", "deal-partner", "partner"),
    ("campaign_id", "deal-campaign", "campaign"),
    ("project_id", "deal-project", "project"),
)
SECOND_OWNER = ("second_owner_id", "deal-second-owner", "owner")
PICKS = {
    "project_id": "Move to another project",
    "account_id": "Add related account",
    "partner_id": "Assign to partner",
}
PICK_LOOKUPS = {
    "project_id": ("deal-pick-project", "project"),
    "account_id": ("deal-pick-account", "account"),
    "partner_id": ("deal-pick-partner", "partner"),
}


def edit_data(form: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """The edit form as service input, and what could not even be read."""
    data: dict[str, Any] = {"name": form.get("name", "")}
    data.update({k: optional_id(form.get(k)) for k in LINKS if k in form})
    problems: dict[str, str] = {}
    for field in ("amount", "currency"):
        if str(form.get(field, "")).strip():
            data[field] = str(form[field]).strip()
    close = str(form.get("close_date", "")).strip()
    try:
        data["close_date"] = date.fromisoformat(close) if close else None
    except ValueError:
        problems["close_date"] = "must be a date (YYYY-MM-DD)"
    probability = str(form.get("probability", "")).strip()
    if probability:
        if whole_number(probability) is not None:
            data["probability"] = whole_number(probability)
        else:
            problems["probability"] = "must be a whole number from 0 to 100"
    data["tags"] = [t.strip() for t in str(form.get("tags", "")).split(",") if t.strip()]
    return data, problems


class OpportunityEditState(FormDialog, CustomFieldInputs, OpportunityState):
    """The full edit dialog of the opportunity (its owner is changed with the owner picker)."""

    second_manager: bool = False

    @rx.event
    @action
    def open_edit(self, session: Session, user: User):
        """Open the dialog filled with the deal's current values."""
        deal = service.get_opportunity(session, user, self.opportunity_id)
        self.second_manager = bool(current_settings(session)[SECOND_MANAGER])
        self._prepare_record_form(session, service.ENTITY)
        self._fill_record_form(deal, {})
        self.values["tags"] = ", ".join(deal.tags)
        self.values.update({k: self.values.get(k) or NONE for k in LINKS})
        self._show_form(self.opportunity_id)
        return [
            LookupState.preset(key, kind, self.values[field]) for field, key, kind in (*LOOKUPS, SECOND_OWNER)
        ]

    @rx.event
    @action(refused="_refused")
    def save_edit(self, session: Session, user: User, form: dict):
        """Save the deal, or show next to each field what to correct."""
        data, problems = edit_data(form)
        data["custom"], custom_problems = self._custom_from_form(form)
        if problems or custom_problems:
            self._show_errors({**problems, **custom_problems})
            return
        deal = service.update_opportunity(session, user, self.opportunity_id, self._without_hidden(data))
        self.form_open = False
        return [success_toast(f"'{deal.name}' saved."), OpportunityState.load_one]


class OpportunityPickState(OpportunityState):
    """One link of the deal chosen from a list: its project, its account or its partner."""

    pick_open: bool = False
    pick_field: str = ""
    pick_title: str = ""

    @rx.event
    def open_pick(self, field: str):
        """Offer a lookup of the projects, the accounts the user may see, or the partners."""
        if field not in PICKS:
            return None
        self.pick_field, self.pick_title, self.pick_open = field, PICKS[field], True
        return LookupState.preset(PICK_LOOKUPS[field][0], PICK_LOOKUPS[field][1], "")

    set_pick_open = setter("pick_open", "Show or hide the picker.", value_type=bool)

    @rx.event
    def save_pick(self, form: dict):
        """Link the deal to the chosen record."""
        self.pick_open = False
        change = {self.pick_field: optional_id(form.get("choice"))}
        return self._run(lambda s, u, i: service.update_opportunity(s, u, i, change), "'{name}' updated.")


def edit_dialog() -> rx.Component:
    """The full edit form of the deal."""
    s = OpportunityEditState

    def text(label: str, name: str, kind: str = "text", required: bool = False) -> rx.Component:
        return text_field(label, name, s.values, s.errors, required, kind, hidden=s.hidden)

    body = [
        rx.grid(
            text("Name", "name", required=True),
            text("Amount", "amount"),
            text("Currency", "currency"),
            text("Expected close", "close_date", "date"),
            text("Probability (%)", "probability", "number"),
            text("Tags (comma-separated)", "tags"),
            columns="3",
            spacing="3",
            width="100%",
        ),
        rx.grid(
            *[
                record_lookup(label, field, key, kind, s.errors)
                for label, (field, key, kind) in zip(
                    ("Account", "Primary contact", "Partner", "Campaign", "Project"), LOOKUPS, strict=True
                )
            ],
            rx.cond(s.second_manager, record_lookup("Second manager", *SECOND_OWNER, s.errors)),
            columns="3",
            spacing="3",
            width="100%",
        ),
        custom_field_inputs(OpportunityEditState, s.values, s.errors),
    ]
    return form_dialog(
        "Edit opportunity",
        body,
        OpportunityEditState.save_edit,
        s.form_key,
        s.form_open,
        OpportunityEditState.set_form_open,
        "opportunity-save",
    )


def lost_dialog() -> rx.Component:
    """Why was the deal lost?"""
    s = OpportunityState
    fields, title = [lost_reason_field(s.lost_error)], "Mark as lost"
    return small_form_dialog(title, fields, s.confirm_lost, s.lost_open, s.set_lost_open, title)


def pick_dialog() -> rx.Component:
    """Choose the deal's project, account or partner, typed into a lookup."""
    s = OpportunityPickState
    account, partner, project = (PICK_LOOKUPS[f] for f in ("account_id", "partner_id", "project_id"))
    field = rx.match(
        s.pick_field,
        ("account_id", record_lookup("Account", "choice", *account)),
        ("partner_id", record_lookup("Partner", "choice", *partner)),
        record_lookup("Project", "choice", *project),
    )
    return small_form_dialog(s.pick_title, [field], s.save_pick, s.pick_open, s.set_pick_open, "Save")


def delete_dialog() -> rx.Component:
    """Confirm before the deal is deleted."""
    s = OpportunityState
    return confirm_dialog(
        "Delete this opportunity?",
        "The deal is removed; its history stays in the log.",
        "Delete",
        s.delete,
        s.delete_open,
        s.set_delete_open,
    )


def opportunity_dialogs() -> rx.Component:
    """Every dialog of the page (each shows only while open)."""
    return rx.fragment(edit_dialog(), lost_dialog(), pick_dialog(), delete_dialog())
