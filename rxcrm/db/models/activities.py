"""Sales activities and their admin-editable categories."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index
from sqlmodel import Field, SQLModel

from rxcrm.db.types import UTCDateTime, utcnow


class ActivityCategory(SQLModel, table=True):
    """A kind of activity: call, meeting, e-mail, task…"""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=60, unique=True)
    icon: str = Field(default="circle", max_length=40)
    position: int = 0
    active: bool = True


class Activity(SQLModel, table=True):
    """Something a user did with a lead, opportunity, account or partner."""

    # A record's timeline and the dashboard's per-record access test read the first; the dashboard's
    # per-author counts the second. Both cover the columns the counts need.
    __table_args__ = (
        Index("ix_activity_record_at", "entity", "entity_id", "at", "category_id", "author_id"),
        Index("ix_activity_author_category_at", "author_id", "category_id", "at", "entity", "entity_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    entity: str = Field(max_length=20)
    entity_id: int
    category_id: int = Field(foreign_key="activitycategory.id", index=True)
    at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, index=True))
    note: str | None = Field(default=None, max_length=5000)
    author_id: int | None = Field(default=None, foreign_key="user.id", index=True)
