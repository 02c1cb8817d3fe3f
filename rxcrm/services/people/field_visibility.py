"""Hiding limited fields from users who may not see them, in the API and the UI alike."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields
from typing import Any

from sqlalchemy import bindparam
from sqlmodel import Session, select

from rxcrm.db.models import FieldVisibility, User
from rxcrm.db.session import forget_cached, lock_for_writing, unit_cached
from rxcrm.domain.errors import Forbidden, ValidationFailed
from rxcrm.domain.people.field_visibility import (
    FILTER_FIELDS,
    WIDGET_FIELDS,
    check_rule,
    field_hidden,
)
from rxcrm.domain.records.history import FieldChange
from rxcrm.services.people.reads import require_read
from rxcrm.services.records.events import ChangeEvent, publish

ENTITY = "field_visibility"
VIEWER = "rxcrm_viewer"


# Built once: every read of a record asks.
_RULES = select(FieldVisibility).where(FieldVisibility.entity == bindparam("entity"))


def hidden_fields(session: Session, user: User, entity: str) -> set[str]:
    """The fields of an entity the user may not see (the rules are read once per unit of work)."""
    rules = unit_cached(
        session, (ENTITY, entity), lambda: session.execute(_RULES, {"entity": entity}).scalars().all()
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


def list_rules(session: Session, viewer: User) -> list[FieldVisibility]:
    """Every limited field (admins only)."""
    require_read(viewer, "field_rules")
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


def set_field_role(
    session: Session, actor: User, entity: str, field: str, role: str, visible: bool
) -> FieldVisibility | None:
    """Tick (or untick) one role of a field's limit on the stored rule: its other roles and users stay.

    Read and written in one unit under the write lock, so two admins ticking at once both count.
    """
    lock_for_writing(session)
    stored = session.exec(
        select(FieldVisibility)
        .where(FieldVisibility.entity == entity, FieldVisibility.field == field)
        .with_for_update()
    ).first()
    roles = set(stored.roles) if stored else set()
    roles = roles | {role} if visible else roles - {role}
    return limit_field(session, actor, entity, field, sorted(roles), list(stored.user_ids) if stored else [])


def searchable(session: Session, user: User, entity: str, *columns: Any) -> list[Any]:
    """The columns a text search may look in: fields hidden from the user are not searched."""
    hidden = hidden_fields(session, user, entity)
    return [column for column in columns if column.key not in hidden]


def check_sort(session: Session, user: User, entity: str, sort: str | None) -> None:
    """Refuse ordering a list by a field hidden from the user: the order would give its values away."""
    name = (sort or "").strip().lstrip("-")
    if name and name in hidden_fields(session, user, entity):
        raise ValidationFailed.from_fields(
            {"sort": f"{name} is hidden from your role; a list cannot be sorted by it"}
        )


def check_filters(session: Session, user: User, entity: str, names: Iterable[str]) -> None:
    """Refuse narrowing a list by fields hidden from the user (`custom.<key>` reads `custom`).

    Which records a filter keeps tells the values of the field it reads, so it would be an oracle.
    """
    hidden = hidden_fields(session, user, entity)
    refused = {
        name: f"{filter_field(name)} is hidden from your role; a list cannot be filtered by it"
        for name in names
        if filter_field(name) in hidden
    }
    if refused:
        raise ValidationFailed.from_fields(refused)


def filter_field(name: str) -> str:
    """The field a list filter reads: `custom.<key>` reads `custom`, `tag` reads `tags`."""
    return "custom" if name.startswith("custom.") else FILTER_FIELDS.get(name, name)


def used_filters(flt: Any) -> list[str]:
    """The names of the filters a list filter object sets (`custom` as `custom.<key>`)."""
    names = [f.name for f in fields(flt) if f.name != "custom" and getattr(flt, f.name) not in (None, "")]
    return names + [f"custom.{key}" for key in (getattr(flt, "custom", None) or {})]


def widget_fields_hidden(session: Session, user: User, kind: str) -> bool:
    """Whether a field a widget is computed from is hidden from the user (its rows would give it away)."""
    return bool(set(WIDGET_FIELDS.get(kind, ())) & hidden_fields(session, user, "opportunity"))
