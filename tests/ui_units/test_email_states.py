"""The e-mail states: the send dialog composes with the recipient's tokens; Settings edits and previews."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxcrm.db.models import Activity, Email, EmailTemplate, User
from rxcrm.services.commerce.email_sending import deliver_email
from rxcrm.ui.commerce.email_dialog import EmailDialogState
from rxcrm.ui.commerce.settings_email_state import EmailSettingsState
from tests.conftest import make_account, make_contact, make_opportunity
from tests.services.commerce.mail_server import mail_files  # noqa: F401
from tests.ui_units.logged_in import logged_in_state

pytestmark = pytest.mark.usefixtures("mail_files")


def _deal(session: Session, rep: User) -> tuple[int, int]:
    account = make_account(session, name="Acme")
    contact = make_contact(
        session, first_name="Ann", last_name="Lee", email="ann@example.com", account_id=account.id
    )
    deal = make_opportunity(session, rep, name="Big deal", account_id=account.id, contact_id=contact.id)
    session.commit()
    return deal.id, contact.id


def test_the_dialog_sends_a_template_filled_for_the_recipient(
    app_database: Engine, session: Session, admin: User, rep: User
) -> None:
    deal_id, contact_id = _deal(session, rep)
    session.add(
        EmailTemplate(name="Hello", subject="About {{ opportunity.name }}", body="Dear {{ contact.name }}")
    )
    session.commit()
    state = logged_in_state(session, rep, EmailDialogState, "email-dialog")
    EmailDialogState.open_email.fn(state, "opportunity", deal_id)
    assert state.email_open and [t["label"] for t in state.email_templates] == ["No template", "Hello"]
    EmailDialogState.choose_template.fn(state, state.email_templates[1]["value"])
    assert state.subject == "About {{ opportunity.name }}"
    form = {"contact_id": str(contact_id), "subject": state.subject, "body": state.body}
    EmailDialogState.send.fn(state, form)
    assert not state.email_open and state._queued_id
    email = deliver_email(state._queued_id)
    assert (email.status, email.subject, email.body) == ("outbox", "About Big deal", "Dear Ann Lee")
    notes = session.exec(select(Activity.note).where(Activity.entity_id == deal_id)).all()
    assert notes == ["E-mail to Ann Lee <ann@example.com>: About Big deal"]


def test_settings_refuse_an_unknown_token_save_a_template_and_preview_it(
    app_database: Engine, session: Session, admin: User, rep: User
) -> None:
    _, contact_id = _deal(session, rep)
    state = logged_in_state(session, admin, EmailSettingsState, "email-settings")
    EmailSettingsState.open_editor.fn(state, "")
    EmailSettingsState.save.fn(state, {"name": "T", "subject": "{{ acount.name }}", "body": "b"})
    assert state.editor_open and session.exec(select(EmailTemplate)).all() == []
    EmailSettingsState.keep_draft.fn(state, "subject", "Hi {{ account.name }}")
    EmailSettingsState.insert_token.fn(state, "{{ contact.name }}")
    assert state.draft_body == "{{ contact.name }}"
    EmailSettingsState.preview.fn(state, str(contact_id))
    assert (state.preview_subject, state.preview_body) == ("Hi Acme", "Ann Lee")
    EmailSettingsState.save.fn(state, {"name": "T", "subject": state.draft_subject, "body": state.draft_body})
    assert not state.editor_open
    EmailSettingsState.load.fn(state)
    assert [t["name"] for t in state.templates] == ["T"] and state.log == []
    assert session.exec(select(Email)).all() == []


def test_a_rep_opening_the_email_settings_gets_the_templates_but_not_everyones_log(
    app_database: Engine, session: Session, admin: User, rep: User
) -> None:
    deal_id, contact_id = _deal(session, rep)
    session.add(EmailTemplate(name="Hello", subject="Hi", body="b"))
    session.add(
        Email(
            entity="opportunity",
            entity_id=deal_id,
            contact_id=contact_id,
            to="ann@example.com",
            subject="Secret offer",
            body="x",
            status="outbox",
            created_by_id=admin.id,
        )
    )
    session.commit()
    state = logged_in_state(session, rep, EmailSettingsState, "email-settings-rep")
    assert EmailSettingsState.load.fn(state) is None  # no refusal toast
    assert [t["name"] for t in state.templates] == ["Hello"] and state.log == []
    admin_state = logged_in_state(session, admin, EmailSettingsState, "email-settings-admin")
    EmailSettingsState.load.fn(admin_state)
    assert [row["subject"] for row in admin_state.log] == ["Secret offer"]
