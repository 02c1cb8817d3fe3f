"""REST: /campaigns — campaigns with their lead and deal counts, archiving, and each campaign's results."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response
from sqlmodel import Session

from rxcrm.analytics.campaign_results import results_of_campaign, results_text
from rxcrm.api.deps import DB, Actor, PageWindow
from rxcrm.db.models import User
from rxcrm.db.schemas.campaigns import CampaignCreate, CampaignPublic, CampaignResults, CampaignUpdate
from rxcrm.db.schemas.shapes import Page
from rxcrm.services.leads import campaigns as service

router = APIRouter(prefix="/campaigns", tags=["campaigns"])


def _out(item: dict[str, Any]) -> dict[str, Any]:
    money = {k: str(item[k]) for k in ("budget", "cost") if k in item}
    return {**item, **money, "created_at": item["created_at"].isoformat()}


def _one(session: Session, actor: User, campaign_id: int) -> dict[str, Any]:
    """A campaign as every route answers it: with its counts (no money for partner users)."""
    service.get_campaign(session, campaign_id)
    return _out(service.list_campaigns(session, actor, campaign_id=campaign_id)[0])


@router.get("", response_model=Page[CampaignPublic])
def list_campaigns(
    session: DB, actor: Actor, window: PageWindow, status: Annotated[str | None, Query(max_length=100)] = None
) -> dict[str, Any]:
    """Campaigns by name (`q` searches it; `status` is one of the campaign statuses) with their lead and
    deal counts (of records the user may see); no money for partner users."""
    items = [_out(c) for c in service.list_campaigns(session, actor, status, q=window.q)]
    page = items[window.offset : window.offset + window.limit]
    return {"items": page, "total": len(items), "limit": window.limit, "offset": window.offset}


@router.post("", status_code=201, response_model=CampaignPublic)
def create_campaign(body: CampaignCreate, session: DB, actor: Actor) -> dict[str, Any]:
    """Add a campaign (admins and directors by default: the roles matrix)."""
    campaign = service.create_campaign(session, actor, body.model_dump(exclude_unset=True))
    return _one(session, actor, campaign.id)


@router.get("/{campaign_id}", response_model=CampaignPublic)
def read_campaign(campaign_id: int, session: DB, actor: Actor) -> dict[str, Any]:
    """One campaign with its counts."""
    return _one(session, actor, campaign_id)


@router.get("/{campaign_id}/results", response_model=CampaignResults)
def read_campaign_results(campaign_id: int, session: DB, actor: Actor) -> dict[str, Any]:
    """Leads, qualified, disqualified, open deals, won deals and revenue, cost, cost per lead and ROI in %
    (one decimal; null when the cost is 0), all time, in the board currency, counting what the caller may
    see. Partner users: 403."""
    return results_text(results_of_campaign(session, actor, campaign_id))


@router.patch("/{campaign_id}", response_model=CampaignPublic)
def update_campaign(campaign_id: int, body: CampaignUpdate, session: DB, actor: Actor) -> dict[str, Any]:
    """Change a campaign; `status` is one of the campaign statuses."""
    service.update_campaign(session, actor, campaign_id, body.model_dump(exclude_unset=True))
    return _one(session, actor, campaign_id)


@router.post("/{campaign_id}/archive", response_model=CampaignPublic)
def archive_campaign(campaign_id: int, session: DB, actor: Actor) -> dict[str, Any]:
    """Archive a campaign (the first status of kind `archived`)."""
    service.archive_campaign(session, actor, campaign_id, archived=True)
    return _one(session, actor, campaign_id)


@router.post("/{campaign_id}/unarchive", response_model=CampaignPublic)
def unarchive_campaign(campaign_id: int, session: DB, actor: Actor) -> dict[str, Any]:
    """Make an archived campaign active again (the first status of kind `active`)."""
    service.archive_campaign(session, actor, campaign_id, archived=False)
    return _one(session, actor, campaign_id)


@router.delete("/{campaign_id}", status_code=204)
def delete_campaign(campaign_id: int, session: DB, actor: Actor) -> Response:
    """Delete an unused campaign."""
    service.delete_campaign(session, actor, campaign_id)
    return Response(status_code=204)
