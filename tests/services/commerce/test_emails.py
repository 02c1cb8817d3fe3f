"""E-mail from records: a real SMTP server receives it with its attachment, the outbox, failures, tokens."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxcrm.db.models import Activity, ActivityCategory, Attachment, Email, User
from rxcrm.db.session import unit_of_work
from rxcrm.domain.errors import Conflict, Forbidden, NotFound, ValidationFailed
from rxcrm.services.commerce import email_templates, emails
from rxcrm.services.commerce.email_sending import retry_email, send_email
from rxcrm.services.commerce.file_store import files_root
from rxcrm.services.commerce.mail_delivery import outbox_path
from rxcrm.services.commerce.quote_documents import generate_quote_document
from rxcrm.services.people.auth import log_in
from tests.conftest import make_account, make_contact, make_opportunity, make_user
from tests.services.commerce.document_rows import make_quote
from tests.services.commerce.mail_server import free_port, smtp_server, use_smtp

BODY = (
    "Dear {{ contact.name }},\nplease find the offer for {{ opportunity.name }} attached.\n{{ owner.name }}"
)


pytestmark = pytest.mark.usefixtures("mail_files")


def _opener(engine: Engine) -> Callable[[], AbstractContextManager[Session]]:
    return lambda: unit_of_work(engine)


def _token(session: Session, user: User) -> str:
    token, _ = log_in(session, user.email, "secret-password")
    session.commit()
    return token


def _deal_with_quote_document(session: Session, rep: User) -> tuple[int, int, int]:
    account = make_account(session, name="Müller & Co")
    contact = make_contact(
        session, first_name="Jana", last_name="Nováková", email="jana@example.com", account_id=account.id
    )
    deal = make_opportunity(session, rep, name="Roll-out 2027", account_id=account.id, contact_id=contact.id)
    quote = make_quote(session, deal, active=True)
    document = generate_quote_document(session, rep, quote.id)
    session.commit()
    return deal.id, contact.id, document.id


def _plain(deal_id: int, contact_id: int) -> dict:
    """A message written by hand from the deal to the contact."""
    return {
        "entity": "opportunity",
        "entity_id": deal_id,
        "contact_id": contact_id,
        "subject": "S",
        "body": "B",
    }


def _template(session: Session, admin: User) -> int:
    values = {"name": "Offer", "subject": "Offer {{ quote.number }} for {{ account.name }}", "body": BODY}
    template = email_templates.create_email_template(session, admin, values)
    session.commit()
    return template.id


def _timeline(session: Session, deal_id: int) -> list[tuple[str, str]]:
    rows = session.exec(
        select(ActivityCategory.name, Activity.note)
        .join(ActivityCategory, ActivityCategory.id == Activity.category_id)
        .where(Activity.entity == "opportunity", Activity.entity_id == deal_id)
    ).all()
    return [(name, note) for name, note in rows]


def test_a_templated_email_reaches_the_smtp_server_with_the_quote_and_is_logged(
    session: Session, engine: Engine, admin: User, rep: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    deal_id, contact_id, document_id = _deal_with_quote_document(session, rep)
    template_id = _template(session, admin)
    port = free_port()
    use_smtp(monkeypatch, port)
    data = {
        "entity": "opportunity",
        "entity_id": deal_id,
        "contact_id": contact_id,
        "template_id": template_id,
        "attachment_ids": [document_id],
    }
    with smtp_server(port) as inbox:
        email = send_email(_token(session, rep), data, _opener(engine))
    assert email.status == "sent" and email.error is None and email.sent_at is not None
    assert email.subject.startswith("Offer Q-") and email.subject.endswith("for Müller & Co")
    [message] = inbox.messages
    assert inbox.recipients == [["jana@example.com"]]
    assert message["Subject"] == email.subject and "Jana Nováková" in message["To"]
    assert message["Reply-To"].endswith(f"<{rep.email}>")
    text = message.get_body(("plain",)).get_content()
    assert "Dear Jana Nováková," in text and "Roll-out 2027" in text and rep.name in text
    [attached] = list(message.iter_attachments())
    document = session.get(Attachment, document_id)
    assert attached.get_filename() == document.filename
    from rxcrm.services.commerce.file_store import read_file

    assert attached.get_content() == read_file(document.storage_key)
    [(category, note)] = _timeline(session, deal_id)
    assert category == "E-mail" and email.subject in note and "jana@example.com" in note
    assert document.filename in note


def test_without_smtp_the_message_is_written_to_the_outbox(
    session: Session, engine: Engine, rep: User
) -> None:
    deal_id, contact_id, _ = _deal_with_quote_document(session, rep)
    data = {"entity": "opportunity", "entity_id": deal_id, "contact_id": contact_id}
    email = send_email(
        _token(session, rep), {**data, "subject": "Hello", "body": "Hi {{ not a token"}, _opener(engine)
    )
    assert email.status == "outbox"
    eml = outbox_path(email.id)
    assert eml.parent == files_root() / "outbox" and b"Subject: Hello" in eml.read_bytes()
    assert b"Hi {{ not a token" in eml.read_bytes()  # a body written by hand is sent as written
    assert [c for c, _ in _timeline(session, deal_id)] == ["E-mail"]
    assert emails.list_emails(session, rep, "opportunity", deal_id).items[0].status == "outbox"


def test_a_failure_is_kept_and_a_retry_sends_it_once_the_server_is_up(
    session: Session, engine: Engine, rep: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    deal_id, contact_id, _ = _deal_with_quote_document(session, rep)
    port = free_port()
    use_smtp(monkeypatch, port)
    token = _token(session, rep)
    data = _plain(deal_id, contact_id)
    failed = send_email(token, data, _opener(engine))
    assert failed.status == "failed" and "cannot be reached" in failed.error
    assert _timeline(session, deal_id) == []
    with smtp_server(port) as inbox:
        sent = retry_email(token, failed.id, _opener(engine))
    assert sent.id == failed.id and sent.status == "sent" and sent.error is None
    assert len(inbox.messages) == 1 and len(_timeline(session, deal_id)) == 1
    with pytest.raises(Conflict):
        retry_email(token, failed.id, _opener(engine))


def test_a_record_the_user_may_not_see_is_not_found(session: Session, engine: Engine, rep: User) -> None:
    deal_id, contact_id, _ = _deal_with_quote_document(session, rep)
    stranger = make_user(session, access_level="limited_opportunities")
    session.commit()
    data = _plain(deal_id, contact_id)
    with pytest.raises(NotFound):
        send_email(_token(session, stranger), data, _opener(engine))
    email = send_email(_token(session, rep), data, _opener(engine))
    with pytest.raises(NotFound):
        emails.get_email(session, stranger, email.id)
    with pytest.raises(NotFound):
        emails.list_emails(session, stranger, "opportunity", deal_id)
    with pytest.raises(Forbidden):
        emails.list_emails(session, rep)
    assert len(session.exec(select(Email)).all()) == 1


def test_attachments_must_be_files_of_the_record(session: Session, engine: Engine, rep: User) -> None:
    deal_id, contact_id, document_id = _deal_with_quote_document(session, rep)
    other = make_opportunity(session, rep)
    session.commit()
    data = {
        "entity": "opportunity",
        "entity_id": other.id,
        "contact_id": contact_id,
        "subject": "S",
        "body": "B",
    }
    with pytest.raises(ValidationFailed) as refused:
        send_email(_token(session, rep), {**data, "attachment_ids": [document_id]}, _opener(engine))
    assert "attachment_ids" in refused.value.fields
    assert session.exec(select(Email)).all() == []


def test_templates_fill_tokens_refuse_unknown_ones_and_only_admins_write(
    session: Session, admin: User, rep: User
) -> None:
    deal_id, contact_id, _ = _deal_with_quote_document(session, rep)
    with pytest.raises(ValidationFailed) as refused:
        email_templates.create_email_template(
            session, admin, {"name": "X", "subject": "{{ acount.name }}", "body": "b"}
        )
    assert "acount.name" in refused.value.fields["subject"]
    with pytest.raises(Forbidden):
        email_templates.create_email_template(session, rep, {"name": "X", "subject": "s", "body": "b"})
    template_id = _template(session, admin)
    template = email_templates.get_email_template(session, rep, template_id)
    subject, body = email_templates.fill_template(
        session, rep, template.subject, template.body, "opportunity", deal_id, contact_id
    )
    assert subject.endswith("for Müller & Co") and body.startswith("Dear Jana Nováková,")
    subject, _ = email_templates.fill_template(
        session, rep, "{{ account.name }}/{{ quote.number }}", "", "contact", contact_id, None
    )
    assert subject == "Müller & Co/"
