"""Activity shapes: ActivityCreate/Update (sent) and ActivityPublic (with its category's name)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from rxcrm.db.models import Activity
from rxcrm.db.schemas.shapes import Body, RecordId, changes_to, public_shape

RecordKind = Literal["lead", "opportunity", "account", "partner", "contact"]


class ActivityCreate(Body):
    """A new activity on a record (entity and entity_id are required)."""

    entity: RecordKind | None = None  # the record it is on is fixed once created
    entity_id: RecordId | None = None
    category_id: RecordId | None = None
    category: str | None = Field(default=None, max_length=60, description="a category's name")
    at: datetime | None = None
    note: str | None = None


ActivityUpdate = changes_to(ActivityCreate, "A corrected category, time or note.")


ActivityPublic = public_shape(Activity, "An activity on a record, with its category's name.", category=str)
