"""Settings → E-mail: the state of the templates section (drafts, token picker, preview) and the log."""

from __future__ import annotations

from datetime import datetime

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import Email, User
from rxcrm.db.types import utcnow
from rxcrm.domain.commerce.email import shown_status
from rxcrm.services.commerce import email_templates as service
from rxcrm.services.commerce import emails
from rxcrm.services.commerce.quote_templates import tokens
from rxcrm.services.records.display_text import text
from rxcrm.services.records.listing import ListWindow
from rxcrm.ui.actions import action, success_toast
from rxcrm.ui.commerce.email_dialog import EmailDialogState
from rxcrm.ui.components.conversion import record_ref
from rxcrm.ui.components.list_actions import removal
from rxcrm.ui.components.setters import setter

PREVIEW = "email-preview-contact"
LOG_ROWS = 50
TOKENS = [{"value": t, "label": f"{t} — {m}"} for t, m in tokens() if t.startswith("{{")]


def _log_row(email: Email, now: datetime) -> dict[str, str]:
    status, note = shown_status(email.status, email.claimed_at, now)
    return {
        "id": str(email.id),
        "at": text(email.created_at),
        "to": email.to,
        "subject": email.subject,
        "status": status,
        "error": note or email.error or "",
    }


class EmailSettingsState(EmailDialogState):
    """The templates, the one being edited (its drafts kept as typed) and the e-mail log."""

    templates: list[dict[str, str]] = []
    log: list[dict[str, str]] = []
    editing_id: int = 0
    editor_open: bool = False
    draft_name: str = ""
    draft_subject: str = ""
    draft_body: str = ""
    editor_key: int = 0
    preview_subject: str = ""
    preview_body: str = ""

    @rx.event
    @action
    def load(self, session: Session, user: User):
        """Read the templates and the newest e-mails."""
        page = service.list_email_templates(session, user)
        self.templates = [{"id": str(t.id), "name": t.name, "subject": t.subject} for t in page.items]
        log = (
            emails.list_emails(session, user, window=ListWindow(limit=LOG_ROWS)).items
            if emails.sees_every_email(user)
            else []
        )
        now = utcnow()
        self.log = [_log_row(e, now) for e in log]

    @rx.event
    def after_delivery(self):
        """A retried e-mail's new status shows in the log."""
        return EmailSettingsState.load

    @rx.event
    @action
    def open_editor(self, session: Session, user: User, template_id: str):
        """Edit a template ("" for a new one)."""
        template = service.get_email_template(session, user, record_ref(template_id)) if template_id else None
        self.editing_id = template.id if template else 0
        self.draft_name = template.name if template else ""
        self.draft_subject = template.subject if template else ""
        self.draft_body = template.body if template else ""
        self.preview_subject, self.preview_body = "", ""
        self.editor_key += 1
        self.editor_open = True

    set_editor_open = setter("editor_open", "Close the editor.", value_type=bool)

    @rx.event
    def keep_draft(self, field: str, value: str):
        """Remember what was typed in a field (the token picker and the preview use it)."""
        setattr(self, f"draft_{field}", value)

    @rx.event
    def insert_token(self, token: str):
        """Add a token at the end of the body."""
        self.draft_body = f"{self.draft_body.rstrip(' ')} {token}".lstrip()
        self.editor_key += 1

    @rx.event
    @action
    def preview(self, session: Session, user: User, contact_id: str):
        """Fill the drafts with a real contact (its account and owner too)."""
        if not contact_id:
            self.preview_subject, self.preview_body = "", ""
            return
        contact = record_ref(contact_id)
        filled = service.fill_template(
            session, user, self.draft_subject, self.draft_body, "contact", contact, contact
        )
        self.preview_subject, self.preview_body = filled

    @rx.event
    @action
    def save(self, session: Session, user: User, form: dict):
        """Save the template; an unknown token is named and the editor stays open."""
        data = {k: form.get(k, "") for k in ("name", "subject", "body")}
        if self.editing_id:
            template = service.update_email_template(session, user, self.editing_id, data)
        else:
            template = service.create_email_template(session, user, data)
        self.editor_open = False
        return [success_toast(f"E-mail template '{template.name}' saved."), EmailSettingsState.load]

    delete = removal(
        "delete", service.delete_email_template, "E-mail template removed.", "Remove a template."
    )

    @rx.event
    @action
    def download(self, session: Session, user: User, email_id: str):
        """The .eml of an e-mail in the outbox folder."""
        filename, data = emails.outbox_file(session, user, record_ref(email_id))
        return rx.download(data=data, filename=filename, mime_type="message/rfc822")
