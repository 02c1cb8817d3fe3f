"""Checking and changing what each role may do (the matrix of spec §1.6)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, exists, true
from sqlmodel import Session, select

from rxcrm.db.models import RolePermission, User
from rxcrm.domain.errors import Forbidden
from rxcrm.domain.people.permissions import (
    ACTIONS,
    EDITABLE_ROLES,
    ENTITIES,
    check_permission_change,
    default_allowed,
    refusal,
)
from rxcrm.domain.records.history import FieldChange
from rxcrm.services.people.reads import require_read
from rxcrm.services.records.events import ChangeEvent, publish

PERMISSIONS_ENTITY = "permissions"


def install_permission_defaults(session: Session) -> int:
    """Write the default matrix rows that are missing; returns how many were added."""
    present = {(p.role, p.entity, p.action) for p in session.exec(select(RolePermission)).all()}
    added = 0
    for role in EDITABLE_ROLES:
        for entity in ENTITIES:
            for action in ACTIONS:
                if (role, entity, action) not in present:
                    session.add(
                        RolePermission(
                            role=role,
                            entity=entity,
                            action=action,
                            allowed=default_allowed(role, entity, action),
                        )
                    )
                    added += 1
    session.flush()
    return added


def role_may_view(user: User, entity: str) -> Any:
    """SQL condition: the user's role may see records of `entity` (always true for admins)."""
    if user.role == "admin":
        return true()
    return exists(
        select(RolePermission.role).where(
            RolePermission.role == user.role,
            RolePermission.entity == entity,
            RolePermission.action == "view",
            RolePermission.allowed.is_(True),
        )
    )


# Built once: every action of every non-admin asks.
_ALLOWED = select(RolePermission.allowed).where(
    RolePermission.role == bindparam("role"),
    RolePermission.entity == bindparam("entity"),
    RolePermission.action == bindparam("action"),
)


def can(session: Session, user: User, entity: str, action: str) -> bool:
    """Whether the user's role may perform an action on a kind of record."""
    if user.role == "admin":
        return True
    allowed = session.execute(_ALLOWED, {"role": user.role, "entity": entity, "action": action}).scalar()
    return allowed if allowed is not None else default_allowed(user.role, entity, action)


def require(session: Session, user: User, entity: str, action: str) -> None:
    """Refuse the action with a clear message when the role lacks the permission."""
    if not can(session, user, entity, action):
        raise Forbidden(refusal(user.role, entity, action))


def permission_matrix(session: Session, viewer: User) -> dict[str, dict[str, list[str]]]:
    """For each editable role and entity, the allowed actions (staff only)."""
    require_read(viewer, "permissions")
    stored = {(p.role, p.entity, p.action): p.allowed for p in session.exec(select(RolePermission)).all()}
    return {
        role: {
            entity: [a for a in ACTIONS if stored.get((role, entity, a), default_allowed(role, entity, a))]
            for entity in ENTITIES
        }
        for role in EDITABLE_ROLES
    }


def set_permission(session: Session, actor: User, role: str, entity: str, action: str, allowed: bool) -> bool:
    """Admin allows or forbids one action of one role on one kind of record (recorded in history)."""
    if actor.role != "admin":
        raise Forbidden("Only an admin can change roles and permissions.")
    check_permission_change(role, entity, action)
    row = session.get(RolePermission, (role, entity, action)) or RolePermission(
        role=role, entity=entity, action=action, allowed=default_allowed(role, entity, action)
    )
    before, row.allowed = row.allowed, bool(allowed)
    session.add(row)
    if before != row.allowed:
        change = FieldChange(
            f"{role}.{entity}.{action}", "yes" if before else "no", "yes" if allowed else "no"
        )
        publish(session, ChangeEvent(PERMISSIONS_ENTITY, 1, "update", (change,), actor.id))
    session.flush()
    return row.allowed
