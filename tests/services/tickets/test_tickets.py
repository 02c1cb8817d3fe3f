"""The shared inbox: threading by [#N], contacts found by e-mail, the responsible's notifications,
statistics, access, and replies e-mailed with [#N] in the subject."""

from __future__ import annotations

from datetime import timedelta
from email import message_from_bytes, policy

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxcrm.db.models import Email, Notification, Ticket, TicketMessage, User
from rxcrm.db.session import unit_of_work
from rxcrm.domain.errors import Forbidden, NotFound, ValidationFailed
from rxcrm.services.commerce.mail_delivery import outbox_path
from rxcrm.services.people.auth import log_in
from rxcrm.services.people.permissions import set_permission
from rxcrm.services.tickets.messages import add_message, post_message, receive_mail
from rxcrm.services.tickets.statistics import ticket_statistics
from rxcrm.services.tickets.tickets import (
    TicketFilter,
    create_ticket,
    get_ticket,
    list_tickets,
    update_ticket,
)
from tests.conftest import make_account, make_contact, make_partner, make_user
from tests.services.commerce.mail_server import free_port, smtp_server, use_smtp


def _mail(subject: str, body: str = "Hello", sender: str = "ann@example.com") -> dict[str, str]:
    return {"from_email": sender, "subject": subject, "body": body}


def _messages(session: Session, ticket: Ticket) -> list[tuple[str, str]]:
    rows = session.exec(
        select(TicketMessage.kind, TicketMessage.body)
        .where(TicketMessage.ticket_id == ticket.id)
        .order_by(TicketMessage.id)
    )
    return list(rows)


def _notes(session: Session, user: User) -> list[str]:
    return list(session.exec(select(Notification.message).where(Notification.user_id == user.id)))


def test_a_mail_carrying_the_number_joins_its_ticket(session: Session) -> None:
    first, new = receive_mail(session, _mail("Printer broken", "It jams."))
    assert new and first.number == 1 and first.status == "open"
    again, new_again = receive_mail(session, _mail(f"Re: [#{first.number}] Printer broken", "Still jams."))
    assert not new_again and again.id == first.id
    assert _messages(session, first) == [("customer", "It jams."), ("customer", "Still jams.")]
    other, _ = receive_mail(session, _mail("Another question"))
    assert other.id != first.id and other.number == 2
    assert len(session.exec(select(Ticket)).all()) == 2


def test_a_customer_writing_to_a_closed_ticket_reopens_it(session: Session, admin: User) -> None:
    ticket, _ = receive_mail(session, _mail("Invoice copy"))
    update_ticket(session, admin, ticket.id, {"status": "closed"})
    again, new = receive_mail(session, _mail("Re: [#1] Invoice copy", "One more thing"))
    assert not new and again.id == ticket.id and again.status == "open"


def test_a_stranger_cannot_write_into_someone_elses_ticket_by_its_number(session: Session) -> None:
    ticket, _ = receive_mail(session, _mail("Private matter"))
    other, new = receive_mail(session, _mail("[#1] let me in", sender="mallory@example.net"))
    assert new and other.id != ticket.id
    assert len(_messages(session, ticket)) == 1


def test_a_colleague_of_the_same_account_may_continue_the_ticket(session: Session) -> None:
    account = make_account(session, name="Acme")
    make_contact(session, email="ann@acme.example", account_id=account.id)
    make_contact(session, email="bob@acme.example", account_id=account.id)
    ticket, _ = receive_mail(session, _mail("Order 17", sender="ann@acme.example"))
    again, new = receive_mail(session, _mail("[#1] Order 17", "Ann is away", sender="bob@acme.example"))
    assert not new and again.id == ticket.id


def test_the_contact_and_account_are_found_by_email_case_insensitively(session: Session) -> None:
    account = make_account(session, name="Acme", email="Office@Acme.example")
    contact = make_contact(session, email="Ann.Lee@Acme.example", account_id=account.id)
    by_contact, _ = receive_mail(session, _mail("Hi", sender="ann.lee@acme.EXAMPLE"))
    assert (by_contact.contact_id, by_contact.account_id) == (contact.id, account.id)
    by_account, _ = receive_mail(session, _mail("Hi", sender="office@acme.example"))
    assert (by_account.contact_id, by_account.account_id) == (None, account.id)
    nobody, _ = receive_mail(session, _mail("Hi", sender="who@else.example"))
    assert (nobody.contact_id, nobody.account_id) == (None, None)


def test_the_responsible_is_notified_of_notes_customer_replies_and_closing_by_others(
    session: Session, admin: User, rep: User
) -> None:
    ticket, _ = receive_mail(session, _mail("Broken"))
    update_ticket(session, admin, ticket.id, {"assignee_id": rep.id})
    add_message(session, admin, ticket.id, {"kind": "internal_note", "body": "VIP customer"})
    receive_mail(session, _mail("Re: [#1] Broken", "Any news?"))
    update_ticket(session, admin, ticket.id, {"status": "closed"})
    assert _notes(session, rep) == [
        f"{admin.name} assigned ticket #1 'Broken' to you",
        f"{admin.name} added an internal note to ticket #1 'Broken'",
        "The customer wrote again on ticket #1 'Broken'",
        f"{admin.name} closed ticket #1 'Broken'",
    ]


def test_the_responsible_is_not_notified_of_his_own_notes_replies_or_closing(
    session: Session, admin: User, rep: User
) -> None:
    ticket, _ = receive_mail(session, _mail("Broken"))
    update_ticket(session, rep, ticket.id, {"assignee_id": rep.id})
    add_message(session, rep, ticket.id, {"kind": "internal_note", "body": "Looking into it"})
    update_ticket(session, rep, ticket.id, {"status": "closed"})
    add_message(session, admin, ticket.id, {"kind": "reply", "body": "Fixed."})  # a reply is no notice
    assert _notes(session, rep) == []
    assert _notes(session, admin) == []


def test_statistics_per_responsible_with_the_median_first_reply(
    session: Session, admin: User, rep: User
) -> None:
    other = make_user(session, name="Other")
    now_tickets = []
    for minutes, assignee in ((10, rep), (50, rep), (30, rep), (20, other), (10, other), (0, None)):
        ticket = create_ticket(
            session, admin, {**_mail(f"T{minutes}"), "assignee_id": assignee and assignee.id}
        )
        ticket.created_at -= timedelta(minutes=minutes)  # arrived `minutes` ago, answered now
        now_tickets.append((ticket, assignee))
    for ticket, assignee in now_tickets:
        if assignee is not None:
            add_message(session, assignee, ticket.id, {"kind": "reply", "body": "On it"})
            add_message(session, assignee, ticket.id, {"kind": "reply", "body": "Done"})  # not the first
    update_ticket(session, admin, now_tickets[0][0].id, {"status": "closed"})
    rows = {row["assignee_id"]: row for row in ticket_statistics(session, admin)}
    assert rows[rep.id] == {"assignee_id": rep.id, "open": 2, "closed": 1, "median_first_reply_minutes": 30.0}
    assert rows[other.id]["median_first_reply_minutes"] == 15.0  # (10 + 20) / 2
    assert (rows[other.id]["open"], rows[other.id]["closed"]) == (2, 0)
    assert rows[None] == {"assignee_id": None, "open": 1, "closed": 0, "median_first_reply_minutes": None}


def test_lists_by_responsible_and_status(session: Session, admin: User, rep: User) -> None:
    mine = create_ticket(session, admin, {**_mail("Mine"), "assignee_id": rep.id})
    free = create_ticket(session, admin, _mail("Free"))
    done = create_ticket(session, admin, _mail("Done"))
    update_ticket(session, admin, done.id, {"status": "closed"})

    def ids(**kw: object) -> set[int]:
        return {t.id for t in list_tickets(session, rep, TicketFilter(**kw)).items}

    assert ids(assignee_id=rep.id) == {mine.id}
    assert ids(unassigned=True, open_only=True) == {free.id}
    assert ids(open_only=True) == {mine.id, free.id}
    assert ids(status="closed") == {done.id}
    with pytest.raises(ValidationFailed):
        ids(status="archived")


def test_partner_users_see_no_tickets_and_may_not_be_assigned(session: Session, admin: User) -> None:
    partner = make_partner(session)
    outsider = make_user(session, role="partner", partner_id=partner.id)
    ticket = create_ticket(session, admin, _mail("Internal"))
    with pytest.raises(NotFound):
        get_ticket(session, outsider, ticket.id)
    assert list_tickets(session, outsider, TicketFilter()).total == 0
    with pytest.raises(ValidationFailed):
        update_ticket(session, admin, ticket.id, {"assignee_id": outsider.id})


def test_a_role_without_the_permission_is_refused(session: Session, admin: User, rep: User) -> None:
    ticket = create_ticket(session, admin, _mail("Hi"))
    set_permission(session, admin, "rep", "tickets", "edit", False)
    with pytest.raises(Forbidden):
        add_message(session, rep, ticket.id, {"kind": "internal_note", "body": "x"})
    set_permission(session, admin, "rep", "tickets", "view", False)
    with pytest.raises(NotFound):
        get_ticket(session, rep, ticket.id)


def _token(session: Session, user: User) -> str:
    token, _ = log_in(session, user.email, "secret-password")
    session.commit()
    return token


@pytest.mark.usefixtures("mail_files")
def test_a_reply_lands_in_the_outbox_with_the_number_in_the_subject(
    session: Session, engine: Engine, rep: User
) -> None:
    ticket, _ = receive_mail(session, _mail("Printer broken", sender="ann@example.com"))
    token = _token(session, rep)
    body = post_message(
        token,
        ticket.id,
        {"kind": "reply", "body": "Try turning it off and on."},
        lambda: unit_of_work(engine),
    )
    assert body["status"] == "pending" and [m["kind"] for m in body["messages"]] == ["customer", "reply"]
    email = session.exec(select(Email).where(Email.entity == "ticket")).one()
    assert email.status == "outbox" and email.to == "ann@example.com"
    message = message_from_bytes(outbox_path(email.id).read_bytes(), policy=policy.default)
    assert message["Subject"] == "[#1] Printer broken" and "ann@example.com" in message["To"]
    assert "turning it off" in message.get_body(("plain",)).get_content()
    answered, new = receive_mail(session, _mail(message["Subject"], "Works now!"))
    assert not new and answered.id == ticket.id and answered.status == "open"


@pytest.mark.usefixtures("mail_files")
def test_a_reply_goes_through_smtp_when_configured(
    session: Session, engine: Engine, rep: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    ticket, _ = receive_mail(session, _mail("Login fails", sender="bo@example.com"))
    token = _token(session, rep)
    port = free_port()
    use_smtp(monkeypatch, port)
    with smtp_server(port) as inbox:
        post_message(token, ticket.id, {"kind": "reply", "body": "Reset sent."}, lambda: unit_of_work(engine))
    [message] = inbox.messages
    assert inbox.recipients == [["bo@example.com"]] and message["Subject"] == "[#1] Login fails"


def test_an_internal_note_is_never_emailed(session: Session, rep: User) -> None:
    ticket, _ = receive_mail(session, _mail("Hi"))
    note = add_message(session, rep, ticket.id, {"kind": "internal_note", "body": "Call him"})
    assert note.email_id is None and session.exec(select(Email)).all() == []
