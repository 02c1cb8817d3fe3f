"""REST: /account-groups."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict

from rxcrm.api.deps import DB, Actor
from rxcrm.api.serialize import public
from rxcrm.services import accounts as service

router = APIRouter(prefix="/account-groups", tags=["accounts"])


class GroupIn(BaseModel):
    """A new account group."""

    model_config = ConfigDict(extra="forbid")
    name: str


@router.get("")
def list_groups(session: DB, actor: Actor) -> dict[str, Any]:
    """Every account group by name."""
    groups = service.list_groups(session)
    return {"items": [public(g) for g in groups], "total": len(groups), "limit": len(groups), "offset": 0}


@router.post("", status_code=201)
def create_group(body: GroupIn, session: DB, actor: Actor) -> dict[str, Any]:
    """Add an account group with a unique name."""
    return public(service.create_group(session, body.name))
