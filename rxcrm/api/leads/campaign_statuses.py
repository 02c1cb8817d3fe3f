"""REST: /campaign-statuses — the statuses a campaign may have; admins add, rename and delete them."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from rxcrm.api.deps import DB, Actor
from rxcrm.api.serialize import public
from rxcrm.db.schemas.campaigns import CampaignStatusCreate, CampaignStatusPublic, CampaignStatusUpdate
from rxcrm.db.schemas.shapes import Page
from rxcrm.services.leads import campaign_statuses as service

router = APIRouter(prefix="/campaign-statuses", tags=["campaigns"])


@router.get("", response_model=Page[CampaignStatusPublic])
def list_statuses(session: DB, actor: Actor) -> dict[str, Any]:
    """Every campaign status in order (`active` and `archived` on a new installation)."""
    items = [public(s) for s in service.list_statuses(session)]
    return {"items": items, "total": len(items), "limit": len(items), "offset": 0}


@router.post("", status_code=201, response_model=CampaignStatusPublic)
def create_status(body: CampaignStatusCreate, session: DB, actor: Actor) -> dict[str, Any]:
    """Add a status (admins)."""
    return public(service.create_status(session, actor, body.model_dump()))


@router.patch("/{status_id}", response_model=CampaignStatusPublic)
def update_status(status_id: int, body: CampaignStatusUpdate, session: DB, actor: Actor) -> dict[str, Any]:
    """Rename a status (its campaigns follow), change its kind or position (admins)."""
    return public(service.update_status(session, actor, status_id, body.model_dump(exclude_unset=True)))


@router.delete("/{status_id}", status_code=204)
def delete_status(status_id: int, session: DB, actor: Actor) -> Response:
    """Delete a status no campaign uses (409 otherwise, or when it is the last of its kind; admins)."""
    service.delete_status(session, actor, status_id)
    return Response(status_code=204)
