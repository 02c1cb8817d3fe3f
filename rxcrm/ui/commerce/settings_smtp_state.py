"""Settings → E-mail: the state of the mail server card (saved values, the source in effect, the test)."""

from __future__ import annotations

import asyncio
from typing import Any

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.errors import DomainError
from rxcrm.services.commerce import smtp_settings as service
from rxcrm.ui.actions import action, failure_toast, success_toast
from rxcrm.ui.components.setters import setter
from rxcrm.ui.form_errors import field_messages
from rxcrm.ui.form_state import FieldErrors
from rxcrm.ui.state import AppState

TEXT_FIELDS = ("host", "port", "user", "sender")


class SmtpSettingsState(FieldErrors, AppState):
    """The saved settings as the form shows them (never the password), and the last test's outcome."""

    smtp: dict[str, str] = {}
    starttls: bool = True
    password_set: bool = False
    source: str = ""
    host_in_effect: str = ""
    smtp_form_key: int = 0
    testing: bool = False
    test_outcome: str = ""
    test_ok: bool = False

    def _show(self, answer: dict[str, Any]) -> None:
        self.smtp = {f: "" if answer[f] is None else str(answer[f]) for f in TEXT_FIELDS}
        self.starttls, self.password_set = bool(answer["starttls"]), bool(answer["password_set"])
        self.source, self.host_in_effect = answer["source"], answer["host_in_effect"] or ""
        self.smtp_form_key += 1

    @rx.event
    @action
    def load_smtp(self, session: Session, user: User):
        """Read the saved settings (admins; the card is not shown to anyone else)."""
        if service.configures_mail_server(user):
            self._show(service.smtp_settings(session, user))
            self.errors, self.test_outcome = {}, ""

    set_starttls = setter("starttls", "STARTTLS on or off (saved with the form).", value_type=bool)

    def _refused(self, error: DomainError):  # noqa: ANN202
        """A refused save: each problem on its field, and one toast naming them."""
        self.errors = field_messages(error.fields)
        return failure_toast(error)

    @rx.event
    @action(refused="_refused")
    def save_smtp(self, session: Session, user: User, form: dict):
        """Save the form; an empty password field keeps the password that is set."""
        changes: dict[str, Any] = {f: str(form.get(f, "")) for f in TEXT_FIELDS}
        changes["starttls"] = self.starttls
        if form.get("password"):
            changes["password"] = str(form["password"])
        self._show(service.update_smtp_settings(session, user, changes))
        self.errors = {}
        return success_toast("Mail server settings saved.")

    @rx.event
    @action
    def remove_password(self, session: Session, user: User):
        """Forget the saved password (and the user it belongs to)."""
        self._show(service.update_smtp_settings(session, user, {"password": None, "user": None}))
        return success_toast("The mail server password was removed.")

    @rx.event
    @action
    def test_smtp(self, session: Session, user: User):
        """Start a test e-mail to the admin's own address (sent in the background)."""
        service.smtp_settings(session, user)
        self.testing, self.test_outcome = True, ""
        return SmtpSettingsState.run_test

    @rx.event(background=True)
    async def run_test(self):
        """Send the test e-mail outside the state lock; show whether it went, or why not."""
        async with self:
            token = self.token
        result = await asyncio.to_thread(service.send_test_email, token)
        async with self:
            self.testing, self.test_ok = False, result["status"] == "sent"
            self.test_outcome = f"Test e-mail sent to {result['to']}." if self.test_ok else result["error"]
