"""Messages on a ticket: customer messages from the intake, replies e-mailed to the customer, notes.

A reply is composed as an e-mail of the ticket (subject tagged `[#N]`, sent to the ticket's sender)
in the user's unit, and handed on by the e-mail sending after it commits — SMTP when configured,
else the local outbox — so no transaction waits for the mail server.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from rxcrm.db.models import Ticket, TicketMessage, User
from rxcrm.db.session import unit_of_work
from rxcrm.db.types import utcnow
from rxcrm.domain.records.history import FieldChange
from rxcrm.domain.tickets.tickets import (
    CUSTOMER,
    REPLY,
    clean_message,
    clean_ticket,
    reply_subject,
    status_after_message,
    ticket_number_in,
)
from rxcrm.services.commerce.email_sending import deliver_email
from rxcrm.services.commerce.emails import compose_email
from rxcrm.services.people.permissions import require
from rxcrm.services.records.events import ChangeEvent, publish
from rxcrm.services.tickets.tickets import (
    ENTITY,
    PERMISSION,
    get_ticket,
    open_ticket,
    sender_match,
    ticket_bodies,
)
from rxcrm.services.units import UnitOpener, unit_as

SNIPPET = 200


def _append(session: Session, ticket: Ticket, kind: str, body: str, by_id: int | None) -> TicketMessage:
    """Add the message, move the status on, and publish it (history, the assignee's notification)."""
    now = utcnow()
    message = TicketMessage(ticket_id=ticket.id, kind=kind, body=body, author_id=by_id, at=now)
    session.add(message)
    before, ticket.status = ticket.status, status_after_message(ticket.status, kind)
    if kind == REPLY and ticket.first_reply_at is None:
        ticket.first_reply_at = now
    ticket.updated_at = now
    session.add(ticket)
    session.flush()
    changes = [FieldChange(kind, None, " ".join(body.split())[:SNIPPET])]
    if before != ticket.status:
        changes.append(FieldChange("status", before, ticket.status))
    publish(session, ChangeEvent(ENTITY, ticket.id, "message", tuple(changes), by_id))
    return message


def add_message(session: Session, actor: User, ticket_id: Any, data: dict[str, Any]) -> TicketMessage:
    """A user's reply (queued as an e-mail to the customer) or internal note on a ticket."""
    ticket = get_ticket(session, actor, ticket_id)
    require(session, actor, PERMISSION, "edit")
    kind, body = clean_message(data.get("kind"), data.get("body"))
    message = _append(session, ticket, kind, body, actor.id)
    if kind == REPLY:
        subject = reply_subject(ticket.number, ticket.subject)
        email = compose_email(
            session, actor, {"entity": ENTITY, "entity_id": ticket.id, "subject": subject, "body": body}
        )
        message.email_id = email.id
        session.add(message)
        session.flush()
    return message


def post_message(
    token: str | None, ticket_id: Any, data: dict[str, Any], opener: UnitOpener = unit_of_work
) -> dict[str, Any]:
    """Add a message as the user behind the token; a reply is then e-mailed. Returns the ticket."""
    with unit_as(token, opener=opener) as (session, actor):
        email_id = add_message(session, actor, ticket_id, data).email_id
    if email_id is not None:
        deliver_email(email_id, opener)  # a failure is kept on the e-mail (retry from the e-mail log)
    with unit_as(token, opener=opener) as (session, actor):
        return ticket_bodies(session, [get_ticket(session, actor, ticket_id)])[0]


def _thread(session: Session, number: int | None, sender: str) -> Ticket | None:
    """The ticket a customer's mail continues: the number it carries, from the same sender or account."""
    if number is None:
        return None
    ticket = session.exec(select(Ticket).where(Ticket.number == number)).first()
    if ticket is None:
        return None
    if ticket.from_email.lower() == sender:
        return ticket
    account_id = sender_match(session, sender)[1]
    return ticket if account_id is not None and account_id == ticket.account_id else None


def receive_mail(session: Session, data: dict[str, Any]) -> tuple[Ticket, bool]:
    """A customer's mail from the intake: joins ticket N when its subject carries `[#N]` (reopening
    a closed one), else opens a new ticket. Returns the ticket and whether it is new."""
    values = clean_ticket(data)
    ticket = _thread(session, ticket_number_in(values["subject"]), values["from_email"])
    if ticket is None:
        return open_ticket(session, values, None), True
    _append(session, ticket, CUSTOMER, values["body"], None)
    return ticket, False
