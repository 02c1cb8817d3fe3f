"""Users, their login sessions and the intake API keys."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column
from sqlmodel import Field, SQLModel

from rxcrm.db.types import UTCDateTime, utcnow


class User(SQLModel, table=True):
    """A person who logs in: role and access level decide what he/she may do and see."""

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, unique=True, index=True)
    name: str = Field(max_length=200)
    password_hash: str = Field(max_length=300)
    role: str = Field(default="rep", max_length=20)
    access_level: str = Field(default="full", max_length=30)
    partner_id: int | None = Field(default=None, foreign_key="partner.id", index=True)
    team: str | None = Field(default=None, max_length=100)
    time_zone: str | None = Field(default=None, max_length=64)  # IANA name; times are shown in it
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime))
    last_login_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))


class AuthSession(SQLModel, table=True):
    """A login: the bearer token is stored hashed and expires."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    token_hash: str = Field(max_length=64, unique=True, index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime))
    expires_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    revoked: bool = False


class ApiKey(SQLModel, table=True):
    """A key a marketing tool sends to the lead intake endpoint; only its hash is kept."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100)
    prefix: str = Field(max_length=12)
    key_hash: str = Field(max_length=64, unique=True, index=True)
    created_by_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime))
    revoked_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))
