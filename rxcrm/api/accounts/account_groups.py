"""REST: /account-groups."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from rxcrm.api.deps import DB, Actor
from rxcrm.api.serialize import public, whole_list
from rxcrm.db.schemas.accounts import AccountGroupCreate, AccountGroupPublic
from rxcrm.db.schemas.shapes import Page
from rxcrm.services.accounts import accounts as service

router = APIRouter(prefix="/account-groups", tags=["accounts"])


@router.get("", response_model=Page[AccountGroupPublic])
def list_groups(session: DB, actor: Actor) -> dict[str, Any]:
    """Every account group by name."""
    groups = service.list_groups(session)
    return whole_list([public(g) for g in groups])


@router.post("", status_code=201, response_model=AccountGroupPublic)
def create_group(body: AccountGroupCreate, session: DB, actor: Actor) -> dict[str, Any]:
    """Add an account group with a unique name."""
    return public(service.create_group(session, body.name))
