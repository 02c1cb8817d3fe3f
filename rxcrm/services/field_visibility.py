"""Hiding limited fields from users who may not see them, in the API and the UI alike."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from rxcrm.db.models import FieldVisibility, User
from rxcrm.db.session import forget_cached, unit_cached
from rxcrm.domain.errors import Forbidden, ValidationFailed
from rxcrm.domain.field_visibility import LIMITABLE_FIELDS, check_rule, field_hidden
from rxcrm.domain.history import FieldChange
from rxcrm.services.events import ChangeEvent, publish

ENTITY = "field_visibility"
VIEWER = "rxcrm_viewer"


def hidden_fields(session: Session, user: User, entity: str) -> set[str]:
    """The fields of an entity the user may not see (the rules are read once per unit of work)."""
    rules = unit_cached(
        session,
        (ENTITY, entity),
        lambda: session.exec(select(FieldVisibility).where(FieldVisibility.entity == entity)).all(),
    )
    return {r.field for r in rules if field_hidden(user.role, user.id, r.roles, r.user_ids)}


def require_visible(session: Session, user: User, entity: str, fields: tuple[str, ...], what: str) -> None:
    """Refuse a figure computed from fields hidden from the user (a sum would give them away)."""
    hidden = sorted(set(fields) & hidden_fields(session, user, entity))
    if hidden:
        raise Forbidden(f"{what} is built from {', '.join(hidden)}, which your role may not see.")


def hidden_for_viewer(session: Session, entity: str) -> set[str]:
    """Fields of `entity` hidden from the user this unit of work acts for (set by the UI and the API)."""
    viewer = session.info.get(VIEWER)
    return hidden_fields(session, viewer, entity) if viewer is not None else set()


def without_hidden(data: dict[str, Any], hidden: set[str]) -> dict[str, Any]:
    """A record's data with the hidden fields left out."""
    return {k: v for k, v in data.items() if k not in hidden}


def list_rules(session: Session) -> list[FieldVisibility]:
    """Every limited field."""
    return list(session.exec(select(FieldVisibility).order_by(FieldVisibility.entity, FieldVisibility.field)))


def limit_field(
    session: Session,
    actor: User,
    entity: str,
    field: str,
    roles: list[str],
    user_ids: list[int] | None = None,
) -> FieldVisibility | None:
    """Admin limits a field to roles/users; with no roles and no users the limit is lifted."""
    if actor.role != "admin":
        raise Forbidden("Only an admin can limit fields.")
    check_rule(entity, field, roles)
    user_ids = user_ids or []
    if any(session.get(User, u) is None for u in user_ids):
        raise ValidationFailed.from_fields({"user_ids": "names a user that does not exist"})
    rule = session.exec(
        select(FieldVisibility).where(FieldVisibility.entity == entity, FieldVisibility.field == field)
    ).first()
    before = ", ".join(rule.roles) if rule else None
    if not roles and not user_ids:
        if rule is not None:
            session.delete(rule)
        rule = None
    else:
        rule = rule or FieldVisibility(entity=entity, field=field)
        rule.roles, rule.user_ids = sorted(set(roles)), sorted(set(user_ids))
        session.add(rule)
    after = ", ".join(rule.roles) if rule else None
    forget_cached(session, ENTITY)
    publish(
        session,
        ChangeEvent(ENTITY, 1, "update", (FieldChange(f"{entity}.{field}", before, after),), actor.id),
    )
    session.flush()
    return rule


def limitable_fields() -> dict[str, tuple[str, ...]]:
    """Which fields of which entity can be limited."""
    return LIMITABLE_FIELDS


def searchable(session: Session, user: User, entity: str, *columns: Any) -> list[Any]:
    """The columns a text search may look in: fields hidden from the user are not searched."""
    hidden = hidden_fields(session, user, entity)
    return [column for column in columns if column.key not in hidden]
