"""Send e-mail from an account, contact or lead page: who may, to whom, the page read again, Retry."""

from __future__ import annotations

import pytest
from reflex.istate.data import RouterData
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxcrm.db.models import Activity, Email, User
from rxcrm.services.commerce.email_sending import deliver_email
from rxcrm.services.records.files import upload_file
from rxcrm.ui.accounts.account_detail import AccountDetailState
from rxcrm.ui.accounts.contact_state import ContactsState
from rxcrm.ui.commerce.email_dialog import EmailDialogState
from rxcrm.ui.leads.lead_state import LeadState
from tests.conftest import make_account, make_contact, make_lead, make_user
from tests.services.commerce.mail_server import free_port, mail_files, no_smtp, use_smtp  # noqa: F401
from tests.ui_units.logged_in import logged_in_state

pytestmark = pytest.mark.usefixtures("mail_files")


def _on_page(state: AccountDetailState, path: str) -> AccountDetailState:
    state.router = RouterData.from_router_data({"pathname": path, "asPath": path, "query": {}})
    return state


def test_an_account_page_offers_its_contact_and_file_and_shows_the_sent_email_in_its_activities(
    app_database: Engine, session: Session, rep: User
) -> None:
    account = make_account(session, name="Acme")
    ann = make_contact(
        session, first_name="Ann", last_name="Lee", email="ann@acme.example", account_id=account.id
    )
    price_list = upload_file(session, rep, "account", account.id, "prices.txt", b"prices")
    session.commit()
    page = _on_page(
        logged_in_state(session, rep, AccountDetailState, "account-mail"), f"/accounts/{account.id}"
    )
    check = AccountDetailState.load.fn(page)
    assert check is not None and "check_recipient" in repr(check)
    state = logged_in_state(session, rep, EmailDialogState, "account-mail")
    EmailDialogState.check_recipient.fn(state, "account", account.id)
    assert state.email_allowed and state.email_blocked == ""
    preset = EmailDialogState.open_email.fn(state, "account", account.id)
    assert str(ann.id) in repr(preset) and state.lead_to == ""
    assert [f["filename"] for f in state.email_files] == ["prices.txt"]
    EmailDialogState.toggle_file.fn(state, str(price_list.id), True)
    EmailDialogState.send.fn(
        state, {"contact_id": str(ann.id), "subject": "For {{ account.name }}", "body": "B"}
    )
    email = deliver_email(state._queued_id)
    assert (email.status, email.subject, email.attachment_ids) == ("outbox", "For Acme", [price_list.id])
    told, reload = EmailDialogState.delivery_events(email)
    assert "in the outbox" in repr(told)
    assert EmailDialogState.after_delivery.fn(state) == AccountDetailState.load
    AccountDetailState.load.fn(page)
    assert [(a["category"], a["note"][:21]) for a in page.activities] == [("E-mail", "E-mail to Ann Lee <an")]


def test_a_lead_is_written_to_at_its_address_and_its_page_is_read_again(
    app_database: Engine, session: Session, rep: User
) -> None:
    lead = make_lead(session, name="Lena Lead", email="lena@leadco.example", owner_id=rep.id)
    session.commit()
    state = logged_in_state(session, rep, EmailDialogState, "lead-mail")
    EmailDialogState.open_email.fn(state, "lead", lead.id)
    assert state.lead_to == "lena@leadco.example"
    EmailDialogState.send.fn(state, {"subject": "Hi {{ contact.name }}", "body": "B"})
    email = deliver_email(state._queued_id)
    assert (email.to, email.subject, email.contact_id) == ("lena@leadco.example", "Hi Lena Lead", None)
    assert EmailDialogState.after_delivery.fn(state) == LeadState.load_one
    notes = session.exec(select(Activity.note).where(Activity.entity == "lead")).all()
    assert notes == ["E-mail to Lena Lead <lena@leadco.example>: Hi Lena Lead"]


def test_the_button_says_why_nobody_can_be_written_to_and_is_not_there_for_a_hidden_record(
    app_database: Engine, session: Session, rep: User
) -> None:
    account = make_account(session, name="Quiet")
    silent = make_contact(session, last_name="Silent", account_id=account.id)
    mute = make_lead(session, name="Mute")
    session.commit()
    state = logged_in_state(session, rep, EmailDialogState, "no-mail")
    reasons = {}
    for entity, record_id in (("account", account.id), ("contact", silent.id), ("lead", mute.id)):
        EmailDialogState.check_recipient.fn(state, entity, record_id)
        assert state.email_allowed
        reasons[entity] = state.email_blocked
    assert reasons == {
        "account": "No contact of this account has an e-mail address.",
        "contact": "This contact has no e-mail address.",
        "lead": "This lead has no e-mail address.",
    }
    stranger = make_user(session, access_level="limited_crm")
    session.commit()
    theirs = logged_in_state(session, stranger, EmailDialogState, "no-mail")
    EmailDialogState.check_recipient.fn(theirs, "account", account.id)
    assert not theirs.email_allowed and theirs.email_blocked == ""


def test_a_failed_email_from_a_contact_page_is_shown_with_a_retry_that_sends_it_again(
    app_database: Engine, session: Session, rep: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    contact = make_contact(session, first_name="Eva", last_name="Berg", email="eva@example.com")
    session.commit()
    use_smtp(monkeypatch, free_port())  # nobody listens there
    state = logged_in_state(session, rep, EmailDialogState, "fail-mail")
    EmailDialogState.open_email.fn(state, "contact", contact.id)
    EmailDialogState.send.fn(state, {"contact_id": str(contact.id), "subject": "S", "body": "B"})
    failed = deliver_email(state._queued_id)
    assert failed.status == "failed"
    told, reload = EmailDialogState.delivery_events(failed)
    assert "was not sent" in repr(told) and "Retry" in repr(told) and "retry" in repr(told)
    assert EmailDialogState.after_delivery.fn(state) == ContactsState.load_one
    no_smtp(monkeypatch)
    assert EmailDialogState.retry.fn(state, str(failed.id)) == EmailDialogState.deliver
    again = deliver_email(state._queued_id)
    assert again.id == failed.id and again.status == "outbox"
    assert session.exec(select(Email.status)).all() == ["outbox"]
    notes = session.exec(select(Activity.note).where(Activity.entity == "contact")).all()
    assert notes == ["E-mail to Eva Berg <eva@example.com>: S"]
