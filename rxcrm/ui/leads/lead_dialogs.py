"""Dialogs of the lead page: qualify, edit, disqualify, anonymize, merge into the original."""

from __future__ import annotations

import reflex as rx
from reflex.vars import Var
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.services.leads import lifecycle as service
from rxcrm.services.leads.qualification import qualification_defaults, qualify_lead
from rxcrm.ui import routes
from rxcrm.ui.actions import action, success_toast
from rxcrm.ui.components.conversion import optional_id
from rxcrm.ui.components.dialogs import confirm_dialog, small_form_dialog
from rxcrm.ui.components.forms import form_dialog, text_field
from rxcrm.ui.components.lookup import LookupState, record_lookup
from rxcrm.ui.form_state import FormDialog
from rxcrm.ui.leads.lead_form import LeadForm, lead_form_dialog
from rxcrm.ui.leads.lead_state import LeadState
from rxcrm.ui.pipeline.opportunity_dialogs import edit_data
from rxcrm.ui.records.custom_field_inputs import CustomFieldInputs

QUALIFY_OWNER = "qualify-owner"


class LeadQualifyState(FormDialog, LeadState):
    """The qualify form: only what the new opportunity needs; the rest comes from the lead."""

    creates_account: bool = False
    creates_contact: bool = False

    @rx.event
    @action
    def open_qualify(self, session: Session, user: User):
        """Open the form with the deal's suggested name and owner, saying what else will be created."""
        lead = service.get_lead(session, user, self.lead_id)
        defaults = qualification_defaults(session, user, lead)
        self.creates_account, self.creates_contact = defaults["creates_account"], defaults["creates_contact"]
        self.values = {"name": defaults["name"], "owner_id": str(defaults["owner_id"]), "amount": ""}
        self._show_form(self.lead_id)
        return LookupState.preset(QUALIFY_OWNER, "owner", self.values["owner_id"])

    @rx.event
    @action(refused="_refused")
    def qualify(self, session: Session, user: User, form: dict):
        """Create the opportunity (and account and contact where missing) and open it."""
        data, problems = edit_data({k: form.get(k, "") for k in ("name", "amount", "close_date")})
        if problems:
            self._show_errors(problems)
            return None
        data["owner_id"] = optional_id(form.get("owner_id"))
        deal, _account, _contact = qualify_lead(session, user, self.lead_id, data)
        self.form_open = False
        return [
            success_toast(f"Lead qualified: opportunity '{deal.name}' created."),
            rx.redirect(routes.opportunity_url(deal.id)),
        ]


class LeadEditState(LeadForm, FormDialog, CustomFieldInputs, LeadState):
    """The full edit dialog of the lead (also adds it to an account or a partner)."""


def _creates(flag: Var, what: str) -> rx.Component:
    return rx.hstack(
        rx.icon(rx.cond(flag, "circle-plus", "link"), size=14),
        rx.text(
            rx.cond(flag, f"A new {what} is created from the lead.", f"The lead's existing {what} is used.")
        ),
        spacing="2",
        align="center",
        data_testid=f"qualify-creates-{what}",
    )


def qualify_dialog() -> rx.Component:
    """Qualify the lead: opportunity name, amount, close date, owner."""
    s = LeadQualifyState
    body = [
        rx.grid(
            text_field("Opportunity name", "name", s.values, s.errors, required=True),
            text_field("Amount", "amount", s.values, s.errors),
            text_field("Expected close", "close_date", s.values, s.errors, kind="date"),
            record_lookup("Owner", "owner_id", QUALIFY_OWNER, "owner", s.errors),
            columns="2",
            spacing="3",
            width="100%",
        ),
        rx.vstack(
            _creates(s.creates_account, "account"), _creates(s.creates_contact, "contact"), spacing="1"
        ),
    ]
    return form_dialog(
        "Qualify lead",
        body,
        s.qualify,
        s.form_key,
        s.form_open,
        s.set_form_open,
        "qualify-save",
        "600px",
        "Qualify",
    )


def disqualify_dialog() -> rx.Component:
    """Why is the lead not pursued?"""
    s = LeadState
    reason = rx.text_area(
        name="reason",
        placeholder="Why is the lead disqualified?",
        width="100%",
        aria_label="Why is the lead disqualified?",
        data_testid="disqualify-reason",
    )
    return small_form_dialog(
        "Disqualify lead", [reason], s.disqualify, s.disqualify_open, s.set_disqualify_open, "Disqualify"
    )


def lead_dialogs() -> rx.Component:
    """Every dialog of the lead page (each shows only while open)."""
    s = LeadState
    return rx.fragment(
        qualify_dialog(),
        lead_form_dialog(LeadEditState),
        disqualify_dialog(),
        confirm_dialog(
            "Erase this lead's personal data?",
            "Name, company, e-mail, phone and custom fields are erased from the lead, its history "
            "and its activities. Status, source, campaign and owner stay for the statistics. "
            "This cannot be undone.",
            "Erase",
            s.anonymize,
            s.anonymize_open,
            s.set_anonymize_open,
        ),
        confirm_dialog(
            "Merge into the original lead?",
            "Empty fields of the original are filled from this lead, its activities move over, and this "
            "duplicate is deleted.",
            "Merge",
            s.merge,
            s.merge_open,
            s.set_merge_open,
        ),
    )
