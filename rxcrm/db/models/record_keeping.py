"""Who made a record and when, and when it last changed: the same columns on many tables.

The columns are built per table (a column belongs to the one table it is created with), so each
table's copy is declared here once, with the type, nullability and no server or Python column
default, exactly as the tables spelled it out one by one.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Field, SQLModel

from rxcrm.db.types import UTCDateTime, utcnow


def moment() -> Any:
    """A UTC moment column, now when a record is made (nullable, as the tables always had it)."""
    return Field(
        default_factory=utcnow, sa_type=UTCDateTime, nullable=True, sa_column_kwargs={"default": None}
    )


class Created(SQLModel):
    """The user who made a record and when."""

    created_by_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = moment()


class Stamped(Created):
    """A record that also keeps when it last changed."""

    updated_at: datetime = moment()
