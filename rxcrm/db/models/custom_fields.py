"""Admin-defined custom fields per entity; records keep the values in their `custom` column."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from rxcrm.db.types import UTCDateTime, utcnow


class CustomField(SQLModel, table=True):
    """A typed field (text, number, date, boolean, list, user) shown on one entity's form."""

    __table_args__ = (UniqueConstraint("entity", "key", name="uq_customfield_entity_key"),)

    id: int | None = Field(default=None, primary_key=True)
    entity: str = Field(max_length=20, index=True)
    key: str = Field(max_length=64)
    label: str = Field(max_length=100)
    type: str = Field(max_length=20)
    options: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    required: bool = False
    position: int = 0
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime))
