"""Segments of the shared inbox: the built-in views by responsible and status, and how many tickets
each segment (built-in or saved) holds for the viewer."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import and_, case, true
from sqlmodel import Session, func, select

from rxcrm.db.models import Ticket, User
from rxcrm.domain.records.saved_filters import ME, UNASSIGNED
from rxcrm.domain.tickets.tickets import CLOSED, OPEN_OR_PENDING
from rxcrm.services.people.access import visible
from rxcrm.services.tickets.tickets import TicketFilter, filter_clauses

# key, label and the saved-filter parameters each built-in segment stands for ('me': the viewer)
BUILT_IN_SEGMENTS: tuple[tuple[str, str, dict[str, Any]], ...] = (
    ("mine", "Mine", {"assignee_id": ME, "status": OPEN_OR_PENDING}),
    ("unassigned", "Unassigned", {"assignee_id": UNASSIGNED, "status": OPEN_OR_PENDING}),
    ("open", "All open", {"status": OPEN_OR_PENDING}),
    ("closed", "Closed", {"status": CLOSED}),
)


def built_in_params(key: str) -> dict[str, Any] | None:
    """The parameters of a built-in segment, or None for an unknown key."""
    return next((dict(params) for k, _, params in BUILT_IN_SEGMENTS if k == key), None)


def segment_counts(session: Session, actor: User, filters: Mapping[str, TicketFilter]) -> dict[str, int]:
    """How many tickets the user may see are in each filtered segment (one query for all of them)."""
    if not filters:
        return {}
    keys = list(filters)
    sums = [
        func.coalesce(func.sum(case((and_(true(), *filter_clauses(filters[k])), 1), else_=0)), 0)
        for k in keys
    ]
    # the total first keeps the answer a row even for a single segment
    row = session.exec(visible(select(func.count(), *sums).select_from(Ticket), Ticket, actor)).one()
    return {key: int(count) for key, count in zip(keys, row[1:], strict=True)}
