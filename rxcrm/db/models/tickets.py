"""The shared inbox: tickets (customer conversations) and their messages."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index
from sqlmodel import Field, SQLModel

from rxcrm.db.models.record_keeping import Stamped
from rxcrm.db.types import UTCDateTime, utcnow


class Ticket(Stamped, table=True):
    """A customer's conversation with the team: numbered, optionally assigned, open/pending/closed."""

    __table_args__ = (Index("ix_ticket_assignee_status", "assignee_id", "status"),)

    id: int | None = Field(default=None, primary_key=True)
    number: int = Field(unique=True)
    subject: str = Field(max_length=500)
    status: str = Field(default="open", max_length=10, index=True)
    assignee_id: int | None = Field(default=None, foreign_key="user.id", ondelete="SET NULL")
    contact_id: int | None = Field(default=None, foreign_key="contact.id", ondelete="SET NULL")
    account_id: int | None = Field(default=None, foreign_key="account.id", ondelete="SET NULL", index=True)
    from_email: str = Field(max_length=320, index=True)
    first_reply_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))


class TicketMessage(SQLModel, table=True):
    """One message of a ticket: from the customer, a reply sent to him/her, or an internal note."""

    __table_args__ = (Index("ix_ticketmessage_ticket_at", "ticket_id", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id", ondelete="CASCADE")
    kind: str = Field(max_length=20)
    body: str = Field(max_length=20000)
    author_id: int | None = Field(default=None, foreign_key="user.id", ondelete="SET NULL")
    email_id: int | None = Field(default=None, foreign_key="email.id", ondelete="SET NULL")
    at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime))
