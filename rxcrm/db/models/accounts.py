"""Accounts with their groups and the users' favourites."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from rxcrm.db.models.record_keeping import Stamped


class Account(Stamped, table=True):
    """A company, person or other organisation the team sells to."""

    id: int | None = Field(default=None, primary_key=True)
    type: str = Field(default="company", max_length=20)
    name: str = Field(max_length=200, index=True)
    first_name: str | None = Field(default=None, max_length=200)
    last_name: str | None = Field(default=None, max_length=200)
    company: str | None = Field(default=None, max_length=200)
    email: str | None = Field(default=None, max_length=200, index=True)
    phone: str | None = Field(default=None, max_length=40)
    website: str | None = Field(default=None, max_length=200)
    street: str | None = Field(default=None, max_length=200)
    city: str | None = Field(default=None, max_length=200)
    zip: str | None = Field(default=None, max_length=20)
    country: str | None = Field(default=None, max_length=100)
    registration_no: str | None = Field(default=None, max_length=100)
    vat_no: str | None = Field(default=None, max_length=100)
    industry: str | None = Field(default=None, max_length=100)
    key_account: bool = False
    owner_id: int | None = Field(default=None, foreign_key="user.id", index=True)
    second_owner_id: int | None = Field(default=None, foreign_key="user.id")
    parent_id: int | None = Field(default=None, foreign_key="account.id", index=True)
    partner_id: int | None = Field(default=None, foreign_key="partner.id", index=True)
    is_private: bool = False
    is_global: bool = False
    custom: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class AccountGroup(SQLModel, table=True):
    """A named group of accounts, e.g. 'Resellers' or 'Trade fair 2026'."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100, unique=True)


class AccountGroupMember(SQLModel, table=True):
    """An account belongs to a group."""

    account_id: int = Field(foreign_key="account.id", primary_key=True, ondelete="CASCADE")
    group_id: int = Field(foreign_key="accountgroup.id", primary_key=True, ondelete="CASCADE")


class Favourite(SQLModel, table=True):
    """A user marked an account as one of 'my accounts'."""

    user_id: int = Field(foreign_key="user.id", primary_key=True, ondelete="CASCADE")
    account_id: int = Field(foreign_key="account.id", primary_key=True, ondelete="CASCADE")
