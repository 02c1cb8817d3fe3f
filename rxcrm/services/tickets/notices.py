"""The ticket responsible's notifications, made from the tickets' change events."""

from __future__ import annotations

from sqlmodel import Session

from rxcrm.db.models import Notification, Ticket, User
from rxcrm.domain.tickets.notices import ASSIGNED, notice_kind, notice_text, should_notify
from rxcrm.services.records.events import ChangeEvent
from rxcrm.services.tickets.tickets import ENTITY


def notify_ticket_assignee(session: Session, change: ChangeEvent) -> None:
    """Tell a ticket's responsible of a customer message, an internal note, its closing or assignment."""
    if change.entity != ENTITY:
        return
    kind = notice_kind(change.action, change.changes)
    ticket = session.get(Ticket, change.entity_id) if kind else None
    if ticket is None or not should_notify(ticket.assignee_id, change.by_id):
        return
    if kind == ASSIGNED and change.by_id is None:
        return
    actor = session.get(User, change.by_id) if change.by_id else None
    message = notice_text(kind, actor.name if actor else "rxcrm", ticket.number, ticket.subject)
    session.add(
        Notification(
            user_id=ticket.assignee_id,
            entity=ENTITY,
            entity_id=ticket.id,
            message=message[:500],
            by_id=change.by_id,
        )
    )
