"""Lead intake shapes: what each lead sent by a marketing tool became (its id and assignment)."""

from __future__ import annotations

from pydantic import BaseModel


class IntakeLeadResult(BaseModel):
    """A stored lead: its id, owner or partner (none: the free pool), duplicate and splitter rule."""

    id: int
    owner_id: int | None
    partner_id: int | None
    duplicate_of_id: int | None
    rule_id: int | None


class IntakeResult(BaseModel):
    """Each lead of the request in the order sent."""

    leads: list[IntakeLeadResult]
