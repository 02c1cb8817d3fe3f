"""Partner shapes: what a client sends (PartnerCreate/Update) and gets back (PartnerPublic, results)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from rxcrm.db.models import Partner
from rxcrm.db.schemas.shapes import Body, RecordId, changes_to, public_shape, text_fields


class PartnerCreate(Body):
    """A new partner (a name is required; the creator manages it unless `owner_id` names another user)."""

    name: str | None = None
    email: str | None = None
    phone: str | None = None
    website: str | None = None
    street: str | None = None
    city: str | None = None
    zip: str | None = None
    country: str | None = None
    owner_id: RecordId | None = None
    active: bool | None = None
    custom: dict[str, Any] | None = None


PartnerUpdate = changes_to(
    PartnerCreate, "Changes to a partner: only the fields sent are changed (`active: false` deactivates it)."
)


PartnerPublic = public_shape(Partner, "A partner organisation (reseller, consultancy).")
# The text inputs of the partner form, in the shape's order.
TEXT_FIELDS = text_fields(PartnerCreate)


class PartnerResults(BaseModel):
    """A partner's results over the range (all time without one), in the board currency."""

    partner_id: int
    leads: int
    open_opportunities: int
    open_amount: str
    won_count: int
    won_amount: str
    weighted_forecast: str
    currency: str
    unconverted: int
