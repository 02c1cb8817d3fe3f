"""Who sees which record: one query filter applied to every list, search and by-id lookup.

Access levels and partner restrictions (spec §1.5) are the next milestone; what holds today is
that a private account is visible to its creator only, and everyone else sees every record.
"""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import or_
from sqlmodel import Session, select

from rxcrm.db.models import Account, User
from rxcrm.domain.errors import NotFound

T = TypeVar("T")


def visible(statement: Any, model: type, user: User) -> Any:
    """Narrow a SELECT on `model` to the rows `user` may see."""
    if model is Account:
        return statement.where(or_(Account.is_private.is_(False), Account.created_by_id == user.id))
    return statement


def get_visible(session: Session, model: type[T], record_id: Any, user: User, label: str) -> T:
    """Load one record by id, answering 'not found' when it is missing or hidden from the user."""
    if not isinstance(record_id, int) or isinstance(record_id, bool):
        raise NotFound(f"{label} not found")
    record = session.exec(visible(select(model).where(model.id == record_id), model, user)).first()
    if record is None:
        raise NotFound(f"{label} {record_id} not found")
    return record
