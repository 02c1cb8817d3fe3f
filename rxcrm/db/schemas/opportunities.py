"""Opportunity and stage shapes: bodies for create/edit, moves, bulk changes; the answers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, Field

from rxcrm.db.models import BusinessRole, Opportunity, Stage
from rxcrm.db.schemas.shapes import Body, RecordId, changes_to, public_shape


class OpportunityCreate(Body):
    """A new opportunity; owner, stage, probability and currency fall back to their defaults."""

    name: str | None = None
    account_id: RecordId | None = None
    contact_id: RecordId | None = None
    owner_id: RecordId | None = None
    second_owner_id: RecordId | None = None
    stage_id: RecordId | None = None
    amount: Decimal | None = None  # a decimal string (or a number)
    currency: str | None = None
    probability: int | None = None
    close_date: date | None = None
    campaign_id: RecordId | None = None
    partner_id: RecordId | None = None
    project_id: RecordId | None = None
    lost_reason: str | None = Field(default=None, max_length=500)
    tags: list[str] | None = Field(default=None, max_length=100)
    custom: dict[str, Any] | None = None


OpportunityUpdate = changes_to(
    OpportunityCreate, "Changes to an opportunity; a new stage brings its status and probability."
)


class OpportunityMove(Body):
    """Where a deal goes; a lost stage needs a reason."""

    stage_id: RecordId
    reason: str | None = Field(default=None, max_length=500)


class OpportunityLost(Body):
    """Why a deal was lost."""

    reason: str = Field(max_length=500)


class OpportunityBulk(Body):
    """Many deals changed at once: a new owner, a new stage, tags added or removed."""

    ids: list[int] = Field(min_length=1, max_length=500)
    owner_id: RecordId | None = None
    stage_id: RecordId | None = None
    add_tags: list[str] | None = Field(default=None, max_length=20)
    remove_tags: list[str] | None = Field(default=None, max_length=20)


class BulkResult(BaseModel):
    """How many deals a bulk change touched."""

    updated: int


OpportunityPublic = public_shape(Opportunity, "An opportunity as the viewer may see it.")


class StageCreate(Body):
    """A new stage (name and kind are required), in a pipeline (the default one when left out)."""

    name: str | None = None
    position: int | None = None
    probability: int | None = None
    kind: Literal["open", "won", "lost"] | None = None
    color: str | None = None
    on_board: bool | None = None
    pipeline_id: RecordId | None = None


StageUpdate = changes_to(StageCreate, "A renamed, recoloured, reordered or re-weighted stage.")


StagePublic = public_shape(Stage, "A column of the pipeline.")


class BusinessRoleCreate(Body):
    """A contact, the part it plays in the deal, and a note."""

    contact_id: RecordId | None = None
    role: str | None = None
    note: str | None = None


BusinessRolePublic = public_shape(BusinessRole, "A contact taking part in a deal, and its role.")


class BusinessRoleList(BaseModel):
    """Every business role on a deal."""

    items: list[BusinessRolePublic]  # type: ignore[valid-type]
    total: int
