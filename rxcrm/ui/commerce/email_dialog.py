"""The "Send e-mail" dialog of a record page: recipient, template, subject, body and the record's files.

Sending takes two steps: the form's unit stores the e-mail (queued), then a background event hands
it on outside any transaction (SMTP, or the outbox folder) and says how it went; a failure stays in
the e-mail log with its error, to be retried from its toast or from Settings → E-mail templates.
A record page shows the button with `email_button(entity, id, testid)`, says with
`EmailDialogState.check_recipient(entity, id)` whether the user may write from it and to whom, and
names the event that reloads its timeline with `show_sent_emails_on(entity, event)`.
"""

from __future__ import annotations

import asyncio

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import Email, User
from rxcrm.domain.errors import DomainError
from rxcrm.services.commerce import emails
from rxcrm.services.commerce.email_sending import deliver_email
from rxcrm.services.commerce.email_templates import get_email_template
from rxcrm.ui.actions import action, success_toast
from rxcrm.ui.components.controls import action_button, note
from rxcrm.ui.components.conversion import record_ref
from rxcrm.ui.components.dialogs import small_form_dialog
from rxcrm.ui.components.forms import labelled, option_select
from rxcrm.ui.components.lookup import LookupState, record_lookup
from rxcrm.ui.components.setters import setter
from rxcrm.ui.state import AppState

RECIPIENT = "email-contact"
NO_TEMPLATE = "none"
RELOAD: dict[str, rx.event.EventHandler] = {}  # per entity: the page event reading its timeline again
OUTCOMES = {
    "sent": "E-mail sent to {to}.",
    "outbox": "No mail server is set up: the e-mail to {to} is in the outbox.",
    "sending": "The e-mail to {to} is being sent already (by another click or user).",
}


def show_sent_emails_on(entity: str, reload: rx.event.EventHandler) -> None:
    """Name the event that reads a record page again, so a sent e-mail shows on its timeline at once."""
    RELOAD[entity] = reload


class EmailDialogState(AppState):
    """The dialog's record, what it offers and what is typed; the e-mail being handed on."""

    email_open: bool = False
    email_entity: str = ""
    email_entity_id: int = 0
    lead_to: str = ""
    email_allowed: bool = False
    email_blocked: str = ""
    email_templates: list[dict[str, str]] = []
    email_files: list[dict[str, str]] = []
    chosen_files: list[str] = []
    template_choice: str = NO_TEMPLATE
    subject: str = ""
    body: str = ""
    form_key: int = 0
    sending: bool = False
    _queued_id: int = 0

    set_email_open = setter("email_open", "Open or close the dialog.", value_type=bool)

    @rx.event
    @action(refused="_may_not_write")
    def check_recipient(self, session: Session, user: User, entity: str, entity_id: int):
        """Whether the user may write from the record (else no button) and why nobody can be written to."""
        self.email_blocked = emails.missing_recipient(session, user, entity, entity_id)
        self.email_allowed = True

    def _may_not_write(self, error: DomainError) -> None:
        """No button on a record the user may not write from (the page says it is not found)."""
        self.email_allowed, self.email_blocked = False, ""

    @rx.event
    @action
    def open_email(self, session: Session, user: User, entity: str, entity_id: int):
        """Open the dialog on a record: its contact (a lead: its own address) as recipient, no template."""
        choices = emails.compose_choices(session, user, entity, entity_id)
        self.email_entity, self.email_entity_id = entity, int(entity_id)
        self.lead_to = choices["lead_to"]
        self.email_templates = [{"value": NO_TEMPLATE, "label": "No template"}] + [
            {"value": i, "label": name} for i, name in choices["templates"]
        ]
        self.email_files = [{"id": i, "filename": f, "size": size} for i, f, size in choices["files"]]
        self.chosen_files, self.template_choice, self.subject, self.body = [], NO_TEMPLATE, "", ""
        self.form_key += 1
        self.email_open = True
        return LookupState.preset(RECIPIENT, "contact", str(choices["contact_id"] or ""))

    @rx.event
    @action
    def choose_template(self, session: Session, user: User, value: str):
        """Start subject and body from a template (its tokens are filled in when the e-mail is sent)."""
        self.template_choice = value
        if value != NO_TEMPLATE:
            template = get_email_template(session, user, record_ref(value))
            self.subject, self.body = template.subject, template.body
            self.form_key += 1

    @rx.event
    def toggle_file(self, attachment_id: str, ticked: bool):
        """Attach a file of the record, or not."""
        others = [f for f in self.chosen_files if f != attachment_id]
        self.chosen_files = [*others, attachment_id] if ticked else others

    @rx.event
    @action
    def send(self, session: Session, user: User, form: dict):
        """Store the e-mail (tokens filled for the recipient), then hand it on in the background."""
        data = {
            "entity": self.email_entity,
            "entity_id": self.email_entity_id,
            "contact_id": None if self.lead_to else record_ref(form.get("contact_id")),
            "subject": form.get("subject", ""),
            "body": form.get("body", ""),
            "attachment_ids": [record_ref(i) for i in self.chosen_files],
            "fill_tokens": True,
        }
        template = None if self.template_choice == NO_TEMPLATE else record_ref(self.template_choice)
        email = emails.compose_email(session, user, {**data, "template_id": template})
        self._queued_id, self.sending, self.email_open = email.id, True, False
        return EmailDialogState.deliver

    @rx.event(background=True)
    async def deliver(self):
        """Hand the stored e-mail on (outside the state lock and any transaction) and tell how it went."""
        async with self:
            email_id, self._queued_id = self._queued_id, 0
        if not email_id:
            return
        email = await asyncio.to_thread(deliver_email, email_id)
        async with self:
            self.sending = False
        for event in self.delivery_events(email):
            yield event

    @classmethod
    def delivery_events(cls, email: Email) -> list:
        """How it went (a failure with a Retry button), then the record shown again (`cls`: this state's
        own handlers, as a background task's `self` is a proxy, not the state)."""
        if email.status == "failed":
            retry = {"label": "Retry", "on_click": cls.retry(str(email.id))}
            message = f"The e-mail to {email.to} was not sent: {email.error}"
            told = rx.toast.error(message, duration=60000, close_button=True, action=retry)
        else:
            told = success_toast(OUTCOMES[email.status].format(to=email.to))
        return [told, cls.after_delivery]

    @rx.event
    @action
    def retry(self, session: Session, user: User, email_id: str):
        """Send a failed e-mail again (in the background)."""
        self._queued_id = emails.retryable_email(session, user, record_ref(email_id)).id
        self.sending = True
        return type(self).deliver

    @rx.event
    def after_delivery(self):
        """Show the e-mail where it landed: the record's timeline."""
        return RELOAD.get(self.email_entity)


def _file_box(row: rx.Var) -> rx.Component:
    s = EmailDialogState
    return rx.checkbox(
        row["filename"] + " (" + row["size"] + ")",
        checked=s.chosen_files.contains(row["id"]),
        on_change=lambda ticked: s.toggle_file(row["id"], ticked),
        data_testid="email-file-" + row["id"],
    )


def email_dialog() -> rx.Component:
    """The dialog itself (opened by `EmailDialogState.open_email(entity, id)`)."""
    s = EmailDialogState
    template = option_select(
        s.email_templates,
        "email-template",
        aria_label="Template",
        value=s.template_choice,
        on_change=s.choose_template,
        trigger={"width": "100%"},
    )
    to_lead = labelled("To (the lead's address)", rx.text(s.lead_to, data_testid="email-to-lead"))
    fields = [
        rx.cond(
            s.lead_to != "",
            to_lead,
            record_lookup(
                "To (contact)", "contact_id", RECIPIENT, "contact", placeholder="Type a contact's name…"
            ),
        ),
        labelled("Template", template),
        labelled(
            "Subject",
            rx.input(
                name="subject", default_value=s.subject, aria_label="Subject", data_testid="email-subject"
            ),
        ),
        labelled(
            "Message",
            rx.text_area(
                name="body", default_value=s.body, rows="9", aria_label="Message", data_testid="email-body"
            ),
            note("Tokens such as {{ contact.name }} are filled in for the recipient when it is sent."),
        ),
        labelled(
            "Attach files of this record",
            rx.cond(
                s.email_files.length() > 0,
                rx.vstack(rx.foreach(s.email_files, _file_box), spacing="1"),
                note("This record has no files."),
            ),
        ),
    ]
    return small_form_dialog(
        "Send e-mail",
        fields,
        s.send,
        s.email_open,
        s.set_email_open,
        "Send",
        "email-send",
        max_width="640px",
        reset=False,
        key=s.form_key.to_string(),
    )


def email_button(entity: str, record_id: rx.Var, testid: str) -> rx.Component:
    """A record page's "Send e-mail": for whoever may write from it; greyed, with the reason, when the
    record has nobody to write to (the page runs `check_recipient` when it loads)."""
    s = EmailDialogState
    button = action_button(
        "Send e-mail",
        s.open_email(entity, record_id),
        testid,
        icon="mail",
        variant="soft",
        disabled=s.email_blocked != "",
    )
    blocked = rx.tooltip(
        rx.box(button, title=s.email_blocked, data_testid=testid + "-reason"), content=s.email_blocked
    )
    return rx.cond(s.email_allowed, rx.cond(s.email_blocked != "", blocked, button))
