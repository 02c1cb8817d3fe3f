"""REST: /accounts/{id}/relations — the accounts linked to an account (shown on both), link and unlink."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Response

from rxcrm.api.deps import DB, Actor
from rxcrm.api.serialize import whole_list
from rxcrm.db.schemas.account_relations import RelationCreate, RelationList, RelationPublic
from rxcrm.services.accounts import account_relations as service

router = APIRouter(prefix="/accounts/{account_id}/relations", tags=["accounts"])


def _out(linked: service.LinkedAccount) -> dict[str, Any]:
    data = asdict(linked)
    return {"id": data.pop("relation_id"), **data}


@router.get("", response_model=RelationList)
def list_relations(account_id: int, session: DB, actor: Actor) -> dict[str, Any]:
    """The account's links to accounts the caller may see, each with what the other account is to this one."""
    items = [_out(r) for r in service.list_relations(session, actor, account_id)]
    return whole_list(items)


@router.post("", status_code=201, response_model=RelationPublic)
def link_account(account_id: int, body: RelationCreate, session: DB, actor: Actor) -> dict[str, Any]:
    """Link another account the caller may see (422 for itself, 409 when the two are already linked)."""
    return _out(service.link_accounts(session, actor, account_id, body.model_dump()))


@router.delete("/{relation_id}", status_code=204)
def unlink_account(account_id: int, relation_id: int, session: DB, actor: Actor) -> Response:
    """Remove a link (from either account's side)."""
    service.unlink_accounts(session, actor, account_id, relation_id)
    return Response(status_code=204)
