"""Dashboard pages per user, page templates, frozen baselines and the reps' targets."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from rxcrm.db.models.record_keeping import Created
from rxcrm.db.types import MONEY, UTCDateTime, utcnow


class DashboardPage(SQLModel, table=True):
    """One user's layout of one dashboard page (global overview, or a project's overview)."""

    __table_args__ = (UniqueConstraint("user_id", "project_id", "page", name="uq_dashboard_page"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    project_id: int | None = Field(default=None, foreign_key="project.id", ondelete="CASCADE")
    page: str = Field(default="results", max_length=30)
    widgets: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime))


class PageTemplate(Created, table=True):
    """A saved page layout that can be applied to another project's overview."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100, unique=True)
    page: str = Field(default="results", max_length=30)
    widgets: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class Baseline(SQLModel, table=True):
    """A widget's rows frozen at a moment, with a name: never recomputed, compared against live data."""

    id: int | None = Field(default=None, primary_key=True)
    widget_kind: str = Field(max_length=40, index=True)
    name: str = Field(max_length=100)
    params: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    rows: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_by_id: int | None = Field(default=None, foreign_key="user.id", index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime))


class UserTarget(SQLModel, table=True):
    """A rep's quota for one month, in the board currency."""

    __table_args__ = (UniqueConstraint("user_id", "period", name="uq_user_target"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    period: str = Field(max_length=7)
    amount: Decimal = Field(default=Decimal("0.00"), sa_column=Column(MONEY, nullable=False))
