"""Leads, the campaigns they come from, and the splitter rules that route them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Column, Index
from sqlmodel import Field, SQLModel

from rxcrm.db.models.record_keeping import Stamped
from rxcrm.db.types import MONEY, UTCDateTime, utcnow


class Campaign(SQLModel, table=True):
    """A marketing action leads and opportunities are attributed to."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    status: str = Field(default="active", max_length=20)
    budget: Decimal = Field(default=Decimal("0.00"), sa_column=Column(MONEY, nullable=False))
    cost: Decimal = Field(default=Decimal("0.00"), sa_column=Column(MONEY, nullable=False))
    currency: str = Field(default="EUR", max_length=3)
    starts: date | None = None
    ends: date | None = None
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime))


class CampaignStatus(SQLModel, table=True):
    """An admin-editable campaign status; its kind (`active`/`archived`) is what archiving tests."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=20, unique=True)
    kind: str = Field(default="active", max_length=10)
    position: int = 0


class Lead(Stamped, table=True):
    """A person or company that showed interest, not yet qualified into an opportunity.

    `routing` says where the splitter left it: `manual` (entered by a user), `routed` (a rule
    assigned it), `unprocessed` (no rule matched, waiting in the free pool).
    """

    __table_args__ = (
        Index("ix_lead_status_archived", "status", "archived"),
        Index("ix_lead_owner_status", "owner_id", "status"),
        Index("ix_lead_created", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str | None = Field(default=None, max_length=200)
    company: str | None = Field(default=None, max_length=200)
    email: str | None = Field(default=None, max_length=200)
    phone: str | None = Field(default=None, max_length=40)
    country: str | None = Field(default=None, max_length=100)
    source: str | None = Field(default=None, max_length=100)
    campaign_id: int | None = Field(default=None, foreign_key="campaign.id", index=True)
    status: str = Field(default="open", max_length=20)
    priority: str = Field(default="normal", max_length=10)
    owner_id: int | None = Field(default=None, foreign_key="user.id")
    second_owner_id: int | None = Field(default=None, foreign_key="user.id")
    partner_id: int | None = Field(default=None, foreign_key="partner.id", index=True)
    account_id: int | None = Field(default=None, foreign_key="account.id", index=True)
    opportunity_id: int | None = Field(default=None, foreign_key="opportunity.id")
    duplicate_of_id: int | None = Field(default=None, foreign_key="lead.id", index=True)
    email_key: str | None = Field(default=None, max_length=200, index=True)
    phone_key: str | None = Field(default=None, max_length=40, index=True)
    name_key: str | None = Field(default=None, max_length=400, index=True)
    routing: str = Field(default="manual", max_length=20)
    rule_id: int | None = Field(default=None, foreign_key="splitterrule.id")
    disqualify_reason: str | None = Field(default=None, max_length=500)
    archived: bool = False
    anonymized: bool = False
    qualified_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))
    custom: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class SplitterRule(SQLModel, table=True):
    """When a lead meets all the rule's conditions, split such leads among assignees by percentage.

    `conditions` is `[{"field", "operator", "value"}, …]` (none: every lead). Higher priority is
    tried first, then the lower position; the first matching active rule wins.
    """

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100)
    conditions: list[dict[str, str]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    priority: int = 0
    position: int = 0
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime))


class SplitterShare(SQLModel, table=True):
    """One assignee of a rule (a user or a partner), its percentage and how many leads it received."""

    id: int | None = Field(default=None, primary_key=True)
    rule_id: int = Field(foreign_key="splitterrule.id", index=True, ondelete="CASCADE")
    user_id: int | None = Field(default=None, foreign_key="user.id")
    partner_id: int | None = Field(default=None, foreign_key="partner.id")
    percent: int
    position: int = 0
    assigned: int = 0
