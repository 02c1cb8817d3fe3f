"""Partner organisations that sell alongside the team."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from rxcrm.db.types import UTCDateTime, utcnow


class Partner(SQLModel, table=True):
    """A reseller or consultancy; partner users see only its records."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, index=True)
    email: str | None = Field(default=None, max_length=200)
    phone: str | None = Field(default=None, max_length=40)
    website: str | None = Field(default=None, max_length=200)
    street: str | None = Field(default=None, max_length=200)
    city: str | None = Field(default=None, max_length=200)
    zip: str | None = Field(default=None, max_length=20)
    country: str | None = Field(default=None, max_length=100, index=True)
    owner_id: int | None = Field(default=None, index=True)  # a user; no key: users point here
    active: bool = True
    custom: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_by_id: int | None = None
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime))
