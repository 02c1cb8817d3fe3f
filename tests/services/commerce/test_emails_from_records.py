"""E-mail from an account, a contact and a lead: who it goes to, the tokens, its files, where it is logged."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxcrm.db.models import Activity, Email, User
from rxcrm.domain.errors import NotFound, ValidationFailed
from rxcrm.services.commerce import emails
from rxcrm.services.commerce.email_sending import send_email
from rxcrm.services.commerce.mail_delivery import outbox_path
from rxcrm.services.records.files import upload_file
from tests.conftest import make_account, make_contact, make_lead, make_user
from tests.services.commerce.test_emails import _opener, _token

pytestmark = pytest.mark.usefixtures("mail_files")
TOKENS = "{{ contact.name }}|{{ contact.email }}|{{ account.name }}|{{ opportunity.name }}|{{ quote.number }}"


def _notes(session: Session, entity: str, entity_id: int) -> list[str]:
    statement = select(Activity.note).where(Activity.entity == entity, Activity.entity_id == entity_id)
    return list(session.exec(statement).all())


def test_a_lead_is_written_to_at_its_own_address_and_the_email_is_on_its_timeline(
    session: Session, engine: Engine, rep: User
) -> None:
    lead = make_lead(
        session, name="Lena Lead", company="Leadco", email="lena@leadco.example", owner_id=rep.id
    )
    session.commit()
    data = {"entity": "lead", "entity_id": lead.id, "subject": "Hi {{ contact.name }}", "body": TOKENS}
    email = send_email(_token(session, rep), {**data, "fill_tokens": True}, _opener(engine))
    assert (email.status, email.to, email.contact_id) == ("outbox", "lena@leadco.example", None)
    assert email.subject == "Hi Lena Lead"
    assert email.body == "Lena Lead|lena@leadco.example|Leadco||"  # no deal, no quote: empty, never "None"
    assert b"To: Lena Lead <lena@leadco.example>" in outbox_path(email.id).read_bytes()
    assert _notes(session, "lead", lead.id) == ["E-mail to Lena Lead <lena@leadco.example>: Hi Lena Lead"]


def test_a_lead_without_name_company_or_address(session: Session, engine: Engine, rep: User) -> None:
    nameless = make_lead(session, name=None, email="x@example.com")
    silent = make_lead(session, name="No Mail")
    session.commit()
    token = _token(session, rep)
    body = {"subject": "S", "body": "[{{ account.name }}][{{ contact.name }}]", "fill_tokens": True}
    email = send_email(token, {"entity": "lead", "entity_id": nameless.id, **body}, _opener(engine))
    assert email.body == "[][]"
    assert emails.missing_recipient(session, rep, "lead", silent.id) == "This lead has no e-mail address."
    with pytest.raises(ValidationFailed) as refused:
        send_email(token, {"entity": "lead", "entity_id": silent.id, **body}, _opener(engine))
    assert "contact_id" in refused.value.fields
    assert len(session.exec(select(Email)).all()) == 1


def test_a_contact_is_written_to_itself_and_the_email_is_logged_on_the_contact(
    session: Session, engine: Engine, rep: User
) -> None:
    account = make_account(session, name="Acme")
    contact = make_contact(
        session, first_name="Ann", last_name="Lee", email="ann@example.com", account_id=account.id
    )
    session.commit()
    data = {"entity": "contact", "entity_id": contact.id, "subject": "For {{ account.name }}", "body": "B"}
    email = send_email(_token(session, rep), {**data, "fill_tokens": True}, _opener(engine))
    assert (email.to, email.contact_id, email.subject) == ("ann@example.com", contact.id, "For Acme")
    assert _notes(session, "contact", contact.id) == ["E-mail to Ann Lee <ann@example.com>: For Acme"]
    assert _notes(session, "account", account.id) == []
    choices = emails.compose_choices(session, rep, "contact", contact.id)
    assert (choices["contact_id"], choices["missing"], choices["lead_to"]) == (contact.id, "", "")


def test_an_account_email_goes_to_one_of_its_contacts_with_a_file_of_the_account_only(
    session: Session, engine: Engine, rep: User
) -> None:
    account = make_account(session, name="Acme")
    other = make_account(session, name="Other")
    make_contact(session, last_name="Aaron", account_id=account.id)  # no address: not the one offered
    ben = make_contact(
        session, first_name="Ben", last_name="Berg", email="ben@acme.example", account_id=account.id
    )
    price_list = upload_file(session, rep, "account", account.id, "prices.txt", b"price list")
    foreign = upload_file(session, rep, "account", other.id, "secret.txt", b"not for Acme")
    session.commit()
    choices = emails.compose_choices(session, rep, "account", account.id)
    assert choices["contact_id"] == ben.id and choices["missing"] == ""
    assert [f[1] for f in choices["files"]] == ["prices.txt"]
    token = _token(session, rep)
    data = {"entity": "account", "entity_id": account.id, "contact_id": ben.id, "subject": "S", "body": "B"}
    with pytest.raises(ValidationFailed) as refused:
        send_email(token, {**data, "attachment_ids": [foreign.id]}, _opener(engine))
    assert "attachment_ids" in refused.value.fields and session.exec(select(Email)).all() == []
    with pytest.raises(ValidationFailed) as nobody:
        send_email(token, {**data, "contact_id": None}, _opener(engine))
    assert "contact_id" in nobody.value.fields
    email = send_email(token, {**data, "attachment_ids": [price_list.id]}, _opener(engine))
    assert email.status == "outbox" and email.attachment_ids == [price_list.id]
    assert b"prices.txt" in outbox_path(email.id).read_bytes()
    [note] = _notes(session, "account", account.id)
    assert note.startswith("E-mail to Ben Berg <ben@acme.example>: S") and "Attached: prices.txt" in note


def test_why_nobody_can_be_written_to_and_who_may_not_write_at_all(session: Session, rep: User) -> None:
    account = make_account(session, name="Quiet Ltd")
    make_contact(session, last_name="Nomail", account_id=account.id)
    contact = make_contact(session, last_name="Silent")
    session.commit()
    assert emails.missing_recipient(session, rep, "account", account.id) == (
        "No contact of this account has an e-mail address."
    )
    assert (
        emails.missing_recipient(session, rep, "contact", contact.id) == "This contact has no e-mail address."
    )
    stranger = make_user(session, access_level="limited_crm")
    session.commit()
    with pytest.raises(NotFound):
        emails.missing_recipient(session, stranger, "account", account.id)
