"""Saved filter shapes: list views saved under a name, shareable with a role, with role defaults."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from rxcrm.db.models import SavedFilter
from rxcrm.db.schemas.shapes import Body, changes_to, public_shape


class SavedFilterCreate(Body):
    """A list view to save (entity and name are required)."""

    entity: str | None = Field(default=None, max_length=20)  # fixed once created
    name: str | None = None
    params: dict[str, Any] | None = None
    sort: str | None = None
    shared_with_role: str | None = None
    default_for_role: str | None = None
    is_default: bool | None = None


SavedFilterUpdate = changes_to(
    SavedFilterCreate, "A renamed, re-shared or changed filter; `default_for_role` is for admins."
)


SavedFilterPublic = public_shape(SavedFilter, "A saved list view.")
