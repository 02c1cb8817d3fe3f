"""Saved filters / segments of the list pages."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Index
from sqlmodel import Field, SQLModel

from rxcrm.db.types import UTCDateTime, utcnow


class SavedFilter(SQLModel, table=True):
    """A named list view (filter parameters and sort) of one user, optionally shared with a role."""

    __table_args__ = (Index("ix_savedfilter_entity_user", "entity", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", ondelete="CASCADE")
    entity: str = Field(max_length=20)
    name: str = Field(max_length=100)
    params: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    sort: str | None = Field(default=None, max_length=50)
    shared_with_role: str | None = Field(default=None, max_length=20)
    default_for_role: str | None = Field(default=None, max_length=20)
    is_default: bool = False
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime))
