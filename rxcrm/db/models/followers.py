"""Who follows which record, and the notifications they receive."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from rxcrm.db.types import UTCDateTime, utcnow


class Follower(SQLModel, table=True):
    """A user follows a record and is notified of its changes."""

    __table_args__ = (
        UniqueConstraint("entity", "entity_id", "user_id", name="uq_follower"),
        # Covers "what does this user follow" (the access filter asks it on every limited query).
        Index("ix_follower_user_entity_record", "user_id", "entity", "entity_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    entity: str = Field(max_length=20)
    entity_id: int = Field(index=True)
    user_id: int = Field(foreign_key="user.id", ondelete="CASCADE")
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime))


class Notification(SQLModel, table=True):
    """Something a user should know about a record he/she owns or follows."""

    __table_args__ = (Index("ix_notification_user_read", "user_id", "read"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", ondelete="CASCADE")
    entity: str = Field(max_length=20)
    entity_id: int
    message: str = Field(max_length=500)
    by_id: int | None = Field(default=None, foreign_key="user.id")
    read: bool = False
    at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, index=True))
