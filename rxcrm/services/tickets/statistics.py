"""Shared-inbox statistics per responsible: open and closed tickets, median time to first reply."""

from __future__ import annotations

from typing import Any

from sqlalchemy import case
from sqlmodel import Session, func, select

from rxcrm.db.models import Ticket, User
from rxcrm.domain.tickets.tickets import CLOSED, median_minutes, minutes_between
from rxcrm.services.people.access import visible


def ticket_statistics(session: Session, actor: User) -> list[dict[str, Any]]:
    """Per assignee (None: unassigned) the open (open or pending) and closed tickets the user may see,
    and the median minutes from a ticket's arrival to its first reply (None before any reply)."""
    closed = case((Ticket.status == CLOSED, 1), else_=0)
    counts = session.exec(
        visible(select(Ticket.assignee_id, func.count(), func.sum(closed)), Ticket, actor).group_by(
            Ticket.assignee_id
        )
    ).all()
    replied = visible(
        select(Ticket.assignee_id, Ticket.created_at, Ticket.first_reply_at), Ticket, actor
    ).where(Ticket.first_reply_at.is_not(None))
    durations: dict[int | None, list[float]] = {}
    for assignee_id, created, first_reply in session.exec(replied):
        durations.setdefault(assignee_id, []).append(minutes_between(created, first_reply))
    rows = [
        {
            "assignee_id": assignee_id,
            "open": total - (closed_count or 0),
            "closed": closed_count or 0,
            "median_first_reply_minutes": median_minutes(durations.get(assignee_id, [])),
        }
        for assignee_id, total, closed_count in counts
    ]
    return sorted(rows, key=lambda r: (r["assignee_id"] is None, r["assignee_id"] or 0))
