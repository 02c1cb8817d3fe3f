"""Custom field shapes: typed fields per entity that admins define."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from rxcrm.db.models import CustomField
from rxcrm.db.schemas.shapes import Body, Position, public_shape

CustomEntity = Literal["account", "contact", "opportunity", "lead"]


class CustomFieldBase(Body):
    """Fields an admin may send for a custom field; entity and key only on POST."""

    entity: CustomEntity | None = None
    key: str | None = Field(default=None, max_length=64)
    label: str | None = Field(default=None, max_length=100)
    type: Literal["text", "number", "date", "boolean", "list", "user"] | None = None
    options: list[str] | None = Field(default=None, max_length=100)
    required: bool | None = None
    position: Position | None = None
    active: bool | None = None


class CustomFieldCreate(CustomFieldBase):
    """A new custom field (entity, key, label and type are required)."""


class CustomFieldUpdate(CustomFieldBase):
    """A changed label, type, options, required flag, position or activity."""


CustomFieldPublic = public_shape(CustomField, "A custom field of an entity, in form order.")
