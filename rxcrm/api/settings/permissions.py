"""REST: /permissions — the roles-and-permissions matrix."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from rxcrm.api.deps import DB, Actor
from rxcrm.db.schemas.settings import PermissionChange, PermissionMatrix
from rxcrm.services.people import permissions as service

router = APIRouter(prefix="/permissions", tags=["settings"])


@router.get("", response_model=PermissionMatrix)
def read_matrix(session: DB, actor: Actor) -> dict[str, Any]:
    """For each role and entity, the allowed actions (staff only; admins may always do everything)."""
    return service.permission_matrix(session, actor)


@router.patch("", response_model=PermissionMatrix)
def change_permission(body: PermissionChange, session: DB, actor: Actor) -> dict[str, Any]:
    """Admin allows or forbids one action; answers the whole matrix."""
    service.set_permission(session, actor, body.role, body.entity, body.action, body.allowed)
    return service.permission_matrix(session, actor)
