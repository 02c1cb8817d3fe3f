"""Reading a record's history tab."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from rxcrm.db.models import Change, User
from rxcrm.services.people.field_visibility import hidden_for_viewer


def history_of(session: Session, entity: str, entity_id: int, limit: int = 500) -> list[dict[str, Any]]:
    """The record's changes, newest first, with who made each; fields hidden from the viewer left out."""
    rows = session.exec(
        select(Change, User.name)
        .join(User, User.id == Change.by_id, isouter=True)
        .where(Change.entity == entity, Change.entity_id == entity_id)
        .order_by(Change.at.desc(), Change.id.desc())
        .limit(limit)
    ).all()
    hidden = hidden_for_viewer(session, entity)
    return [
        {
            "entity": change.entity,
            "field": change.field,
            "old": change.old,
            "new": change.new,
            "action": change.action,
            "by": change.by_id,
            "by_name": name or "system",
            "at": change.at.isoformat(),
        }
        for change, name in rows
        if change.field not in hidden
    ]


def erase_history_values(session: Session, entity: str, entity_id: int, fields: tuple[str, ...]) -> int:
    """Blank the old and new values of some fields in a record's history (GDPR erasure)."""
    changes = session.exec(
        select(Change).where(Change.entity == entity, Change.entity_id == entity_id, Change.field.in_(fields))
    ).all()
    for change in changes:
        change.old = None if change.old is None else "(erased)"
        change.new = None if change.new is None else "(erased)"
        session.add(change)
    return len(changes)
