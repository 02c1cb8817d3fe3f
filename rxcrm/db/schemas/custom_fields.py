"""Custom field shapes: typed fields per entity that admins define."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from rxcrm.db.models import CustomField
from rxcrm.db.schemas.shapes import Body, Position, changes_to, public_shape

CustomEntity = Literal["account", "contact", "opportunity", "lead"]


class CustomFieldCreate(Body):
    """A new custom field (entity, key, label and type are required)."""

    entity: CustomEntity | None = None  # only on POST
    key: str | None = Field(default=None, max_length=64)  # only on POST
    label: str | None = Field(default=None, max_length=100)
    type: Literal["text", "number", "date", "boolean", "list", "user"] | None = None
    options: list[str] | None = Field(default=None, max_length=100)
    required: bool | None = None
    position: Position | None = None
    active: bool | None = None


CustomFieldUpdate = changes_to(
    CustomFieldCreate, "A changed label, type, options, required flag, position or activity."
)


CustomFieldPublic = public_shape(CustomField, "A custom field of an entity, in form order.")
