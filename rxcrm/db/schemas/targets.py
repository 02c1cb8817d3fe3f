"""Target shapes: each sales user's monthly target (spec §7)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from rxcrm.db.schemas.shapes import Body


class TargetSet(Body):
    """The month's target as a decimal string ("25000.00") in the board currency."""

    amount: Any = Field(default=None, json_schema_extra={"type": "string", "examples": ["25000.00"]})


class TargetPublic(BaseModel):
    """A user's target for a month ('YYYY-MM'), money as a decimal string in the board currency."""

    id: int
    user_id: int
    period: str
    amount: str
    currency: str
