"""Settings → E-mail, mail server card: saved values shown without the password, problems on their fields."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxcrm.db.models import Email, User
from rxcrm.services.commerce.smtp_settings import smtp_settings
from rxcrm.ui.commerce.settings_email_state import EmailSettingsState
from rxcrm.ui.commerce.settings_smtp_state import SmtpSettingsState
from tests.conftest import make_opportunity
from tests.services.commerce.mail_server import mail_files  # noqa: F401
from tests.ui_units.logged_in import logged_in_state

pytestmark = pytest.mark.usefixtures("mail_files")
FORM = {"host": "mail.example.com", "port": "2525", "user": "crm", "sender": "crm@example.com"}


def test_saving_keeps_the_password_out_of_the_state_and_an_empty_field_keeps_it(
    app_database: Engine, session: Session, admin: User
) -> None:
    state = logged_in_state(session, admin, SmtpSettingsState, "smtp")
    SmtpSettingsState.load_smtp.fn(state)
    assert state.source == "outbox" and state.smtp["host"] == ""
    SmtpSettingsState.set_starttls.fn(state, False)
    SmtpSettingsState.save_smtp.fn(state, {**FORM, "password": "top secret"})
    assert state.smtp == FORM and state.password_set and not state.starttls and state.source == "settings"
    assert "top secret" not in repr(state.dict())
    SmtpSettingsState.save_smtp.fn(state, {**FORM, "port": "25", "password": ""})
    saved = smtp_settings(session, admin)
    assert (saved["port"], saved["password_set"]) == (25, True)
    SmtpSettingsState.remove_password.fn(state)
    assert not state.password_set and state.smtp["user"] == ""


def test_a_refused_save_puts_each_problem_on_its_field(
    app_database: Engine, session: Session, admin: User
) -> None:
    state = logged_in_state(session, admin, SmtpSettingsState, "smtp-bad")
    SmtpSettingsState.save_smtp.fn(state, {**FORM, "port": "70000", "sender": "nobody"})
    assert state.errors == {
        "port": "Port must be a port number from 1 to 65535",
        "sender": "Sender is not a valid e-mail address",
    }
    assert smtp_settings(session, admin)["host"] is None


def test_the_test_button_starts_a_background_send_and_shows_it_is_busy(
    app_database: Engine, session: Session, admin: User, rep: User
) -> None:
    assert SmtpSettingsState.event_handlers["run_test"].is_background
    state = logged_in_state(session, admin, SmtpSettingsState, "smtp-test")
    assert SmtpSettingsState.test_smtp.fn(state) == SmtpSettingsState.run_test and state.testing
    refused = logged_in_state(session, rep, SmtpSettingsState, "smtp-rep")
    SmtpSettingsState.test_smtp.fn(refused)
    assert not refused.testing


def test_a_retry_marks_the_log_busy_so_its_buttons_are_disabled(
    app_database: Engine, session: Session, admin: User
) -> None:
    deal = make_opportunity(session, admin)
    email = Email(
        entity="opportunity", entity_id=deal.id, to="a@example.com", subject="S", body="B", status="failed"
    )
    session.add(email)
    session.commit()
    state = logged_in_state(session, admin, EmailSettingsState, "smtp-retry")
    EmailSettingsState.retry.fn(state, str(email.id))
    assert state.sending and state._queued_id == email.id
