"""REST: /opportunities/{id}/business-roles — the contacts taking part in a deal and their roles."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from rxcrm.api.deps import DB, Actor
from rxcrm.api.serialize import public
from rxcrm.db.schemas.opportunities import BusinessRoleCreate, BusinessRoleList, BusinessRolePublic
from rxcrm.services.accounts import business_roles as service

router = APIRouter(prefix="/opportunities/{opportunity_id}/business-roles", tags=["business roles"])


@router.get("", response_model=BusinessRoleList)
def list_business_roles(opportunity_id: int, session: DB, actor: Actor) -> dict[str, Any]:
    """Every business role on the deal."""
    roles = service.list_business_roles(session, actor, opportunity_id)
    return {"items": [public(r) for r in roles], "total": len(roles)}


@router.post("", status_code=201, response_model=BusinessRolePublic)
def add_business_role(
    opportunity_id: int, body: BusinessRoleCreate, session: DB, actor: Actor
) -> dict[str, Any]:
    """Give a contact a role on the deal."""
    return public(service.add_business_role(session, actor, opportunity_id, body.model_dump()))


@router.delete("/{role_id}", status_code=204)
def remove_business_role(opportunity_id: int, role_id: int, session: DB, actor: Actor) -> Response:
    """Take a role off the deal."""
    service.remove_business_role(session, actor, opportunity_id, role_id)
    return Response(status_code=204)
