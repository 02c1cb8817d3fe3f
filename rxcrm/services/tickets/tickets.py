"""Tickets of the shared inbox: created by the intake or by users, read, listed, assigned, closed.

Every internal user whose role may view tickets sees the whole inbox; partner users see none.
Changes are published as events (history, the assignee's notifications).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, text
from sqlmodel import Session, select

from rxcrm.db.models import Account, Contact, Ticket, TicketMessage, User
from rxcrm.db.session import lock_for_writing
from rxcrm.db.types import utcnow
from rxcrm.domain.errors import ValidationFailed
from rxcrm.domain.records.history import FieldChange
from rxcrm.domain.records.validation import record_id
from rxcrm.domain.tickets.tickets import CLOSED, CUSTOMER, STATUSES, check_status, clean_ticket
from rxcrm.services.people.access import get_visible, visible
from rxcrm.services.people.permissions import require
from rxcrm.services.records.events import ChangeEvent, publish
from rxcrm.services.records.listing import FIRST_PAGE, ListWindow, Page, search_clause

ENTITY = "ticket"
PERMISSION = "tickets"
OPEN_STATUSES = tuple(s for s in STATUSES if s != CLOSED)


@dataclass(frozen=True)
class TicketFilter:
    """What a ticket list is narrowed to: a responsible (or none), status(es), account, a search."""

    assignee_id: int | None = None
    unassigned: bool = False
    status: str | None = None
    open_only: bool = False
    account_id: int | None = None
    q: str | None = None


def get_ticket(session: Session, actor: User, ticket_id: Any) -> Ticket:
    """One ticket the user may see (partner users and roles without the permission: 'not found')."""
    return get_visible(session, Ticket, ticket_id, actor, ENTITY)


def filter_clauses(flt: TicketFilter) -> list[Any]:
    """The conditions a ticket must meet to be in the filtered list (none: every ticket)."""
    clauses = [search_clause(flt.q, Ticket.subject, Ticket.from_email)]
    if flt.status is not None:
        clauses.append(Ticket.status == check_status(flt.status))
    if flt.open_only:
        clauses.append(Ticket.status.in_(OPEN_STATUSES))
    if flt.unassigned:
        clauses.append(Ticket.assignee_id.is_(None))
    elif flt.assignee_id is not None:
        clauses.append(Ticket.assignee_id == flt.assignee_id)
    if flt.account_id is not None:
        clauses.append(Ticket.account_id == flt.account_id)
    return [clause for clause in clauses if clause is not None]


def list_tickets(session: Session, actor: User, flt: TicketFilter, window: ListWindow = FIRST_PAGE) -> Page:
    """The inbox narrowed by the filter, the most recently active first."""
    statement = visible(select(Ticket), Ticket, actor).where(*filter_clauses(flt))
    order = (Ticket.updated_at.desc(), Ticket.id.desc())
    return window.fetch(session, statement, order)


def messages_of(session: Session, ticket_ids: list[int]) -> dict[int, list[TicketMessage]]:
    """The messages of these tickets, oldest first, by ticket (one query)."""
    found: dict[int, list[TicketMessage]] = {i: [] for i in ticket_ids}
    if ticket_ids:
        statement = select(TicketMessage).where(TicketMessage.ticket_id.in_(ticket_ids))
        for message in session.exec(statement.order_by(TicketMessage.at, TicketMessage.id)):
            found[message.ticket_id].append(message)
    return found


def sender_match(session: Session, sender: str) -> tuple[int | None, int | None]:
    """The contact and account an address belongs to: a contact's e-mail first, then an account's."""
    address = sender.strip().lower()
    contact = session.exec(
        select(Contact.id, Contact.account_id)
        .where(func.lower(Contact.email) == address)
        .order_by(Contact.id)
    ).first()
    if contact is not None:
        return contact[0], contact[1]
    account = session.exec(
        select(Account.id).where(func.lower(Account.email) == address).order_by(Account.id)
    ).first()
    return None, account


def _lock_numbers(session: Session) -> None:
    """Ticket numbers are the highest plus one: writers of new tickets take turns."""
    lock_for_writing(session)
    if session.connection().dialect.name == "postgresql":
        session.connection().execute(text("LOCK TABLE ticket IN SHARE ROW EXCLUSIVE MODE"))


def open_ticket(
    session: Session, data: dict[str, Any], by: User | None, assignee_id: int | None = None
) -> Ticket:
    """Store a new ticket with its first customer message; the sender's contact and account linked."""
    values = clean_ticket(data)
    _lock_numbers(session)
    number = (session.exec(select(func.max(Ticket.number))).one() or 0) + 1
    contact_id, account_id = sender_match(session, values["from_email"])
    ticket = Ticket(
        number=number,
        subject=values["subject"],
        from_email=values["from_email"],
        contact_id=contact_id,
        account_id=account_id,
        assignee_id=assignee_id,
        created_by_id=by.id if by else None,
    )
    session.add(ticket)
    session.flush()
    session.add(TicketMessage(ticket_id=ticket.id, kind=CUSTOMER, body=values["body"], at=ticket.created_at))
    changes = (FieldChange("number", None, str(number)), FieldChange("subject", None, values["subject"]))
    publish(session, ChangeEvent(ENTITY, ticket.id, "create", changes, by.id if by else None))
    session.flush()
    return ticket


def assignable(session: Session, assignee_id: Any) -> int | None:
    """An assignee: an active internal user (None: unassigned)."""
    if assignee_id is None:
        return None
    number = record_id(assignee_id)
    user = session.get(User, number) if number is not None else None
    if user is None or not user.active or user.role == "partner":
        raise ValidationFailed.from_fields({"assignee_id": "must be an active internal user"})
    return user.id


def create_ticket(session: Session, actor: User, data: dict[str, Any]) -> Ticket:
    """A user records a customer's request (e.g. from a phone call) as a new ticket."""
    require(session, actor, PERMISSION, "add")
    assignee_id = assignable(session, data.get("assignee_id"))
    return open_ticket(
        session, {k: data.get(k) for k in ("from_email", "subject", "body")}, actor, assignee_id
    )


def update_ticket(session: Session, actor: User, ticket_id: Any, changes: dict[str, Any]) -> Ticket:
    """Change a ticket's status and/or assignee (None unassigns); other fields are not editable."""
    ticket = get_ticket(session, actor, ticket_id)
    require(session, actor, PERMISSION, "edit")
    unknown = sorted(set(changes) - {"status", "assignee_id"})
    if unknown:
        raise ValidationFailed.from_fields({unknown[0]: "cannot be changed (only status and assignee_id)"})
    new = dict(changes)
    if "status" in new:
        new["status"] = check_status(new["status"])
    if "assignee_id" in new:
        new["assignee_id"] = assignable(session, new["assignee_id"])
    done = tuple(
        FieldChange(field, _text(getattr(ticket, field)), _text(value))
        for field, value in new.items()
        if getattr(ticket, field) != value
    )
    if done:
        for field, value in new.items():
            setattr(ticket, field, value)
        ticket.updated_at = utcnow()
        session.add(ticket)
        session.flush()
        publish(session, ChangeEvent(ENTITY, ticket.id, "update", done, actor.id))
    return ticket


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def ticket_bodies(session: Session, tickets: list[Ticket]) -> list[dict[str, Any]]:
    """Tickets as the API shows them: their fields and their thread, oldest message first."""
    threads = messages_of(session, [t.id for t in tickets])
    return [
        {
            **ticket.model_dump(exclude={"created_by_id"}),
            "messages": [m.model_dump(exclude={"ticket_id"}) for m in threads[ticket.id]],
        }
        for ticket in tickets
    ]
