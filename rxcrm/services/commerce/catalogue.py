"""What every catalogue record (product, price book, entry, bundle) is read and changed through.

The catalogue is guarded by the role matrix row 'price_books': a role without 'view' gets nothing
of it (no prices), and adding, changing and removing need 'add', 'edit' and 'delete'.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.errors import NotFound
from rxcrm.domain.records.validation import record_id
from rxcrm.services.people.permissions import require

CATALOGUE = "price_books"
T = TypeVar("T")


def get_catalogue_record(session: Session, actor: User, model: type[T], number: Any, label: str) -> T:
    """One catalogue record by id for a role that may view the catalogue, else NotFound."""
    require(session, actor, CATALOGUE, "view")
    parsed = record_id(number)
    found = session.get(model, parsed) if parsed is not None else None
    if found is None:
        raise NotFound(f"{label} {number} not found")
    return found


def merged_values(record: Any, data: Mapping[str, Any], fields: Iterable[str]) -> dict[str, Any]:
    """A record's stored values of `fields` with the user's changes on top (for a complete check)."""
    names = tuple(fields)
    return {f: getattr(record, f) for f in names} | {k: v for k, v in data.items() if k in names}
