"""Lead shapes: bodies for create/edit, qualify and disqualify; the answers."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel

from rxcrm.db.models import Lead
from rxcrm.db.schemas.accounts import AccountPublic
from rxcrm.db.schemas.contacts import ContactPublic
from rxcrm.db.schemas.opportunities import OpportunityPublic
from rxcrm.db.schemas.shapes import Body, RecordId, changes_to, public_shape, text_fields


class LeadCreate(Body):
    """A new lead (a name or an e-mail address is required)."""

    name: str | None = None
    company: str | None = None
    email: str | None = None
    phone: str | None = None
    country: str | None = None
    source: str | None = None
    campaign_id: RecordId | None = None
    status: str | None = None
    priority: Literal["low", "normal", "high"] | None = None
    owner_id: RecordId | None = None
    second_owner_id: int | None = None
    partner_id: RecordId | None = None
    account_id: int | None = None
    custom: dict[str, Any] | None = None


# The text inputs of the lead form: the shape's text fields but the status, which the lifecycle sets.
TEXT_FIELDS = tuple(f for f in text_fields(LeadCreate) if f != "status")


LeadUpdate = changes_to(LeadCreate, "Changes to a lead: only the fields sent are changed.")


class LeadQualify(Body):
    """The new opportunity's fields; everything else comes from the lead."""

    name: str | None = None
    amount: str | int | float | None = None
    currency: str | None = None
    stage_id: RecordId | None = None
    close_date: str | None = None
    owner_id: RecordId | None = None
    probability: int | None = None
    project_id: RecordId | None = None


class LeadDisqualify(Body):
    """Why the lead is not pursued."""

    status: str | None = None
    reason: str | None = None


LeadPublic = public_shape(Lead, "A lead as the viewer may see it.")


class LeadQualified(BaseModel):
    """What qualifying a lead made: the opportunity, its account and contact, the lead itself."""

    opportunity: OpportunityPublic  # type: ignore[valid-type]
    account: AccountPublic | None = None  # type: ignore[valid-type]
    contact: ContactPublic | None = None  # type: ignore[valid-type]
    lead: LeadPublic  # type: ignore[valid-type]
