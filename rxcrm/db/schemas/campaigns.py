"""Campaign shapes: bodies for campaigns and their statuses, the answers, a campaign's results."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from rxcrm.db.models import Campaign, CampaignStatus
from rxcrm.db.schemas.shapes import Body, changes_to, public_shape


class CampaignCreate(Body):
    """A new campaign (a name is required; the first active status unless `status` names another)."""

    name: str | None = None
    status: str | None = Field(default=None, max_length=100)
    budget: str | int | float | None = None  # money: a decimal string or a number
    cost: str | int | float | None = None
    currency: str | None = None
    starts: date | None = None  # days as ISO dates, null clears one
    ends: date | None = None


CampaignUpdate = changes_to(
    CampaignCreate,
    "Changes to a campaign; `status` is one of the campaign statuses (`archived` archives it).",
)


CampaignPublic = public_shape(
    Campaign,
    "A campaign; listed and read with its lead and deal counts (no money for partner users).",
    open_leads=int,
    disqualified_leads=int,
    leads=int,
    opportunities=int,
    archived=bool,
)


class CampaignResults(BaseModel):
    """What a campaign brought (all time), counting what the caller may see; money in the board currency."""

    campaign_id: int
    leads: int
    qualified: int
    disqualified: int
    open_opportunities: int
    won_count: int
    won_amount: str
    cost: str | None
    cost_per_lead: str | None
    roi_percent: str | None
    currency: str


class CampaignStatusCreate(Body):
    """A new campaign status: its name and kind (`archived` statuses are where archiving puts campaigns)."""

    name: str = Field(max_length=100)
    kind: Literal["active", "archived"] = "active"


class CampaignStatusUpdate(Body):
    """Changes to a campaign status: a new name (its campaigns follow), kind or position."""

    name: str | None = Field(default=None, max_length=100)
    kind: Literal["active", "archived"] | None = None
    position: int | None = Field(default=None, ge=0, le=100_000)


CampaignStatusPublic = public_shape(CampaignStatus, "A campaign status with its kind and position.")
