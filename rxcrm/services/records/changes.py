"""Create, update and delete any CRM record while recording its history."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, SQLModel

from rxcrm.db.models import User
from rxcrm.db.types import utcnow
from rxcrm.domain.records.history import CREATED, DELETED, FieldChange, diff_fields
from rxcrm.services.records.events import ChangeEvent, publish

# Duplicate-check keys are derived from name, company, e-mail and phone: not fields anyone edits.
UNTRACKED = {
    "id",
    "created_at",
    "updated_at",
    "created_by_id",
    "password_hash",
    "email_key",
    "phone_key",
    "name_key",
}


def snapshot(record: SQLModel) -> dict[str, Any]:
    """The record's tracked field values."""
    return {k: v for k, v in record.model_dump().items() if k not in UNTRACKED}


def insert_record(session: Session, entity: str, record: SQLModel, actor: User | None) -> SQLModel:
    """Add a new record and write its creation into history."""
    session.add(record)
    session.flush()
    changes = creation_changes(record.model_dump(), _label(record))
    publish(session, ChangeEvent(entity, record.id, "create", changes, actor.id if actor else None))
    return record


def creation_changes(values: dict[str, Any], label: str) -> tuple[FieldChange, ...]:
    """The history of a new record: a 'created' line with its label, then every field it was given."""
    after = {k: v for k, v in values.items() if k not in UNTRACKED and v not in (None, "", {}, [], False)}
    return (FieldChange(CREATED, None, label), *diff_fields({}, after))


def update_record(
    session: Session, entity: str, record: SQLModel, values: dict[str, Any], actor: User | None
) -> tuple[FieldChange, ...]:
    """Apply new values to a record; only the fields that really changed reach history."""
    before = snapshot(record)
    for key, value in values.items():
        setattr(record, key, value)
    changes = tuple(diff_fields(before, snapshot(record)))
    if changes:
        if hasattr(record, "updated_at"):
            record.updated_at = utcnow()
        session.add(record)
        session.flush()
        publish(session, ChangeEvent(entity, record.id, "update", changes, actor.id if actor else None))
    return changes


def delete_record(session: Session, entity: str, record: SQLModel, actor: User | None) -> None:
    """Remove a record, keeping a history line that says who deleted it."""
    change = FieldChange(DELETED, _label(record), None)
    publish(session, ChangeEvent(entity, record.id, "delete", (change,), actor.id if actor else None))
    session.delete(record)
    session.flush()


def _label(record: SQLModel) -> str:
    name = getattr(record, "name", None)
    if name is None and hasattr(record, "last_name"):
        name = " ".join(p for p in (getattr(record, "first_name", None), record.last_name) if p)
    return str(name or record.id)
