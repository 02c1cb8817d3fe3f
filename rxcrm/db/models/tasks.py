"""Tasks: work with an assignee and a due date, linked to accounts (the first is primary) and a deal."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Index
from sqlmodel import Field, SQLModel

from rxcrm.db.models.record_keeping import Stamped
from rxcrm.db.types import UTCDateTime


class Task(Stamped, table=True):
    """Something a user has to do by a day: open until ticked done."""

    __table_args__ = (Index("ix_task_assignee_status_due", "assignee_id", "status", "due_date"),)

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=200)
    description: str | None = Field(default=None, max_length=5000)
    assignee_id: int = Field(foreign_key="user.id")
    due_date: date | None = None
    status: str = Field(default="open", max_length=10)
    priority: str = Field(default="normal", max_length=10)
    opportunity_id: int | None = Field(
        default=None, foreign_key="opportunity.id", index=True, ondelete="SET NULL"
    )
    project_id: int | None = Field(default=None, foreign_key="project.id", index=True, ondelete="SET NULL")
    contact_id: int | None = Field(default=None, foreign_key="contact.id", index=True, ondelete="SET NULL")
    lead_id: int | None = Field(default=None, foreign_key="lead.id", index=True, ondelete="SET NULL")
    done_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))


class TaskAccount(SQLModel, table=True):
    """An account a task is linked to; the lowest position is the task's primary account."""

    task_id: int = Field(foreign_key="task.id", primary_key=True, ondelete="CASCADE")
    account_id: int = Field(foreign_key="account.id", primary_key=True, index=True, ondelete="CASCADE")
    position: int = 0
