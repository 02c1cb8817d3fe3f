"""Task shapes: what a client sends (TaskCreate/Update) and gets back (TaskPublic, statistics rows)."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from rxcrm.db.schemas.shapes import Body, RecordId, changes_to
from rxcrm.domain.tasks.tasks import MAX_ACCOUNTS


class TaskCreate(Body):
    """A new task: a title is required; the assignee defaults to its maker, the priority to normal."""

    title: str | None = Field(default=None, max_length=1000)
    description: str | None = Field(default=None, max_length=20000)
    assignee_id: RecordId | None = None
    due_date: date | None = None
    status: str | None = Field(default=None, max_length=20)
    priority: str | None = Field(default=None, max_length=20)
    account_ids: list[RecordId] | None = Field(default=None, max_length=MAX_ACCOUNTS)
    primary_account_id: RecordId | None = None
    opportunity_id: RecordId | None = None
    project_id: RecordId | None = None
    contact_id: RecordId | None = None
    lead_id: RecordId | None = None


TaskUpdate = changes_to(
    TaskCreate, "Changes to a task: only the fields sent change; `primary_account_id` stars a linked account."
)


class TaskPublic(BaseModel):
    """A task: its linked accounts in order (the primary first) and whether it is overdue for the caller."""

    id: int
    title: str
    description: str | None
    assignee_id: int
    due_date: date | None
    status: str
    priority: str
    account_ids: list[int]
    primary_account_id: int | None
    opportunity_id: int | None
    project_id: int | None
    contact_id: int | None
    lead_id: int | None
    overdue: bool
    done_at: datetime | None
    created_by_id: int | None
    created_at: datetime
    updated_at: datetime


class TaskStatistics(BaseModel):
    """One assignee's tasks among those the caller sees."""

    assignee_id: int
    open: int
    done: int
    overdue: int
