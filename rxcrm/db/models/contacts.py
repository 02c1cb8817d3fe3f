"""Personal contacts: people at accounts and consultants of partners."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field

from rxcrm.db.models.record_keeping import Stamped


class Contact(Stamped, table=True):
    """A person the team talks to."""

    id: int | None = Field(default=None, primary_key=True)
    salutation: str | None = Field(default=None, max_length=200)
    first_name: str | None = Field(default=None, max_length=200)
    last_name: str = Field(max_length=200, index=True)
    email: str | None = Field(default=None, max_length=200, index=True)
    phone: str | None = Field(default=None, max_length=40)
    mobile: str | None = Field(default=None, max_length=40)
    position: str | None = Field(default=None, max_length=200)
    account_id: int | None = Field(default=None, foreign_key="account.id", index=True)
    partner_id: int | None = Field(default=None, foreign_key="partner.id", index=True)
    kind: str = Field(default="employee", max_length=20)
    owner_id: int | None = Field(default=None, foreign_key="user.id", index=True)
    second_owner_id: int | None = Field(default=None, foreign_key="user.id")
    custom: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
