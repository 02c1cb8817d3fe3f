"""REST: /permissions — the roles-and-permissions matrix."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict

from rxcrm.api.deps import DB, Actor
from rxcrm.services import permissions as service

router = APIRouter(prefix="/permissions", tags=["settings"])


class PermissionIn(BaseModel):
    """One cell of the matrix."""

    model_config = ConfigDict(extra="forbid")
    role: str
    entity: str
    action: str
    allowed: bool


@router.get("")
def read_matrix(session: DB, actor: Actor) -> dict[str, Any]:
    """For each role and entity, the allowed actions (staff only; admins may always do everything)."""
    return service.permission_matrix(session, actor)


@router.patch("")
def change_permission(body: PermissionIn, session: DB, actor: Actor) -> dict[str, Any]:
    """Admin allows or forbids one action; answers the whole matrix."""
    service.set_permission(session, actor, body.role, body.entity, body.action, body.allowed)
    return service.permission_matrix(session, actor)
