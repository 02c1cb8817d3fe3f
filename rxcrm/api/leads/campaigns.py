"""REST: /campaigns — campaigns with their open and disqualified leads and opportunities."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Response

from rxcrm.api.deps import DB, Actor
from rxcrm.api.serialize import public
from rxcrm.db.schemas.leads import CampaignCreate, CampaignPublic, CampaignUpdate
from rxcrm.db.schemas.shapes import Page
from rxcrm.services.leads import campaigns as service

router = APIRouter(prefix="/campaigns", tags=["campaigns"])


def _out(item: dict[str, Any]) -> dict[str, Any]:
    money = {k: str(item[k]) for k in ("budget", "cost") if k in item}
    return {**item, **money, "created_at": item["created_at"].isoformat()}


@router.get("", response_model=Page[CampaignPublic])
def list_campaigns(
    session: DB, actor: Actor, status: Literal["active", "archived"] | None = None
) -> dict[str, Any]:
    """Campaigns with their lead and deal counts (of records the user may see); no money for partners."""
    items = [_out(c) for c in service.list_campaigns(session, actor, status)]
    return {"items": items, "total": len(items), "limit": len(items), "offset": 0}


@router.post("", status_code=201, response_model=CampaignPublic)
def create_campaign(body: CampaignCreate, session: DB, actor: Actor) -> dict[str, Any]:
    """Add a campaign (admins and directors)."""
    return public(service.create_campaign(session, actor, body.model_dump(exclude_unset=True)))


@router.get("/{campaign_id}", response_model=CampaignPublic)
def read_campaign(campaign_id: int, session: DB, actor: Actor) -> dict[str, Any]:
    """One campaign with its counts."""
    service.get_campaign(session, campaign_id)
    return next(_out(c) for c in service.list_campaigns(session, actor) if c["id"] == campaign_id)


@router.patch("/{campaign_id}", response_model=CampaignPublic)
def update_campaign(campaign_id: int, body: CampaignUpdate, session: DB, actor: Actor) -> dict[str, Any]:
    """Change a campaign; `status` archives or unarchives it."""
    return public(service.update_campaign(session, actor, campaign_id, body.model_dump(exclude_unset=True)))


@router.post("/{campaign_id}/archive", response_model=CampaignPublic)
def archive_campaign(campaign_id: int, session: DB, actor: Actor) -> dict[str, Any]:
    """Archive a campaign."""
    return public(service.update_campaign(session, actor, campaign_id, {"status": "archived"}))


@router.post("/{campaign_id}/unarchive", response_model=CampaignPublic)
def unarchive_campaign(campaign_id: int, session: DB, actor: Actor) -> dict[str, Any]:
    """Make an archived campaign active again."""
    return public(service.update_campaign(session, actor, campaign_id, {"status": "active"}))


@router.delete("/{campaign_id}", status_code=204)
def delete_campaign(campaign_id: int, session: DB, actor: Actor) -> Response:
    """Delete an unused campaign."""
    service.delete_campaign(session, actor, campaign_id)
    return Response(status_code=204)
