"""The change log every history tab, notification and live refresh is fed from."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, Text
from sqlmodel import Field, SQLModel

from rxcrm.db.types import UTCDateTime, utcnow


class Change(SQLModel, table=True):
    """One field of one record changed: who, when, old and new value."""

    __table_args__ = (Index("ix_change_entity", "entity", "entity_id"),)

    id: int | None = Field(default=None, primary_key=True)
    entity: str = Field(max_length=30)
    entity_id: int
    action: str = Field(default="update", max_length=10)
    field: str = Field(max_length=100)
    old: str | None = Field(default=None, sa_column=Column(Text))
    new: str | None = Field(default=None, sa_column=Column(Text))
    by_id: int | None = Field(default=None, foreign_key="user.id")
    at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime))
