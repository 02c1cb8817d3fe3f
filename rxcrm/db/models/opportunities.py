"""Pipelines, their stages, and the opportunities moving through them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Column, Index
from sqlmodel import Field, SQLModel

from rxcrm.db.models.record_keeping import Stamped
from rxcrm.db.types import MONEY, RATE, UTCDateTime, utcnow


class Project(SQLModel, table=True):
    """A unit of the organisation opportunities belong to (the "CRM" project and its sub-projects)."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100, unique=True)
    parent_id: int | None = Field(default=None, foreign_key="project.id")
    crm_enabled: bool = True
    position: int = 0


class Pipeline(SQLModel, table=True):
    """A sales process with its own stages, e.g. new business or renewals; exactly one is the default."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100, unique=True)
    position: int = 0
    is_default: bool = False


class Stage(SQLModel, table=True):
    """A column of the pipeline: rules read its kind (open/won/lost), never its name."""

    id: int | None = Field(default=None, primary_key=True)
    pipeline_id: int = Field(foreign_key="pipeline.id", index=True)
    name: str = Field(max_length=100)
    position: int = 0
    probability: int = 0
    kind: str = Field(default="open", max_length=10)
    color: str = Field(default="#8da4ef", max_length=7)
    on_board: bool = True


class Opportunity(Stamped, table=True):
    """A deal in the pipeline, owned by exactly one user."""

    __table_args__ = (
        Index("ix_opportunity_stage_status", "stage_id", "status"),
        Index("ix_opportunity_stage_updated", "stage_id", "updated_at"),
        Index("ix_opportunity_stage_money", "stage_id", "currency", "amount"),
        # Dashboards read won deals by closing moment, open deals by close date and the funnel by
        # creation; each index covers what the director's GROUP BY needs (no table lookups).
        Index(
            "ix_opportunity_won_money",
            "status",
            "closed_at",
            "owner_id",
            "currency",
            "amount",
            "partner_id",
            "campaign_id",
        ),
        Index(
            "ix_opportunity_open_money",
            "status",
            "close_date",
            "stage_id",
            "currency",
            "amount",
            "probability",
            "owner_id",
        ),
        Index("ix_opportunity_created_stage", "created_at", "status", "stage_id", "owner_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, index=True)
    account_id: int | None = Field(default=None, foreign_key="account.id", index=True)
    contact_id: int | None = Field(default=None, foreign_key="contact.id", index=True)
    owner_id: int = Field(foreign_key="user.id", index=True)
    second_owner_id: int | None = Field(default=None, foreign_key="user.id")
    stage_id: int = Field(foreign_key="stage.id")
    status: str = Field(default="open", max_length=10, index=True)
    amount: Decimal = Field(default=Decimal("0.00"), sa_column=Column(MONEY, nullable=False))
    currency: str = Field(default="EUR", max_length=3)
    probability: int = 0
    close_date: date | None = None
    campaign_id: int | None = Field(default=None, index=True)
    partner_id: int | None = Field(default=None, foreign_key="partner.id", index=True)
    project_id: int | None = Field(default=None, foreign_key="project.id", index=True)
    tags: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    locked: bool = False
    lost_reason: str | None = Field(default=None, max_length=500)
    closed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))
    custom: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class BusinessRole(SQLModel, table=True):
    """A personal contact's part in a deal, e.g. decision maker, with a note."""

    id: int | None = Field(default=None, primary_key=True)
    opportunity_id: int = Field(foreign_key="opportunity.id", index=True, ondelete="CASCADE")
    contact_id: int = Field(foreign_key="contact.id", index=True)
    role: str = Field(max_length=100)
    note: str | None = Field(default=None, max_length=1000)


class ExchangeRate(SQLModel, table=True):
    """How much one unit of a currency is worth in the board currency."""

    currency: str = Field(primary_key=True, max_length=3)
    rate: Decimal = Field(sa_column=Column(RATE, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime))
