"""Ticket shapes: the intake's and users' new tickets, messages, changes, the ticket and statistics."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from rxcrm.db.schemas.shapes import Body, RecordId


class TicketIntake(Body):
    """A customer's e-mail as a mail gateway forwards it; `[#N]` in the subject joins ticket N."""

    from_email: str | None = Field(default=None, max_length=1000)
    subject: str | None = Field(default=None, max_length=2000)
    body: str | None = Field(default=None, max_length=40000)


class TicketCreate(TicketIntake):
    """A customer's request a user records (e.g. from a call), optionally assigned at once."""

    assignee_id: RecordId | None = None


class TicketUpdate(Body):
    """A new status and/or responsible (`assignee_id: null` unassigns)."""

    status: Literal["open", "pending", "closed"] | None = None
    assignee_id: RecordId | None = None


class TicketMessageCreate(Body):
    """A reply (e-mailed to the customer with `[#N]` in the subject) or an internal note."""

    kind: str = Field(max_length=20)
    body: str = Field(max_length=40000)


class TicketMessagePublic(BaseModel):
    """One message of a ticket's thread."""

    id: int
    kind: str
    body: str
    author_id: int | None
    at: datetime
    email_id: int | None = None


class TicketPublic(BaseModel):
    """A ticket of the shared inbox with its thread, oldest message first."""

    id: int
    number: int
    subject: str
    status: str
    assignee_id: int | None
    contact_id: int | None
    account_id: int | None
    from_email: str
    created_at: datetime
    updated_at: datetime | None = None
    first_reply_at: datetime | None = None
    messages: list[TicketMessagePublic]


class TicketAssigneeStatistics(BaseModel):
    """One responsible's tickets (assignee_id null: the unassigned ones)."""

    assignee_id: int | None
    open: int
    closed: int
    median_first_reply_minutes: float | None
