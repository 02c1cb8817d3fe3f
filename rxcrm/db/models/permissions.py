"""The roles-and-permissions matrix as rows."""

from __future__ import annotations

from sqlmodel import Field, SQLModel


class RolePermission(SQLModel, table=True):
    """Whether a role may view, add, edit or delete one kind of record."""

    role: str = Field(primary_key=True, max_length=20)
    entity: str = Field(primary_key=True, max_length=30)
    action: str = Field(primary_key=True, max_length=10)
    allowed: bool = False
