"""Narrowing a list of records to what the user may see and what the list filter asks for."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.services.people.access import visible
from rxcrm.services.people.field_visibility import check_filters, used_filters
from rxcrm.services.records.custom_fields import custom_clauses
from rxcrm.services.records.listing import matching, searched


def narrowed_records(
    session: Session,
    actor: User,
    statement: Any,
    model: type,
    entity: str,
    flt: Any,
    columns: Iterable[Any],
    equal: Iterable[str],
) -> Any:
    """Visible records by text search, equal values and custom values (hidden-field filters refused)."""
    check_filters(session, actor, entity, used_filters(flt))
    statement = visible(statement, model, actor)
    statement = searched(statement, flt.q, *columns)
    statement = matching(statement, model, flt, equal)
    return statement.where(*custom_clauses(session, model, entity, flt.custom))
