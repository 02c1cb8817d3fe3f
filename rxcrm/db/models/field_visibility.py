"""Which roles and users may see a limited CRM field."""

from __future__ import annotations

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel


class FieldVisibility(SQLModel, table=True):
    """A field limited to some roles and users; everyone else does not see it."""

    __table_args__ = (UniqueConstraint("entity", "field", name="uq_field_visibility"),)

    id: int | None = Field(default=None, primary_key=True)
    entity: str = Field(max_length=20)
    field: str = Field(max_length=50)
    roles: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    user_ids: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
