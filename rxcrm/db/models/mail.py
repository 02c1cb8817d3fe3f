"""E-mail from records: the admin's templates and the log of every message sent (or tried)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column, Index
from sqlmodel import Field

from rxcrm.db.models.record_keeping import Created, Stamped
from rxcrm.db.types import UTCDateTime


class EmailTemplate(Stamped, table=True):
    """A subject and body with the quote tokens, filled from the record an e-mail is sent from."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    subject: str = Field(max_length=500)
    body: str = Field(max_length=20000)


class Email(Created, table=True):
    """One e-mail to a contact from a record: what was sent, and how delivery went.

    Status: queued (stored, not yet handed on), sent (accepted by the SMTP server), outbox (written
    to the local outbox folder, no SMTP configured) or failed (with the error; can be retried).
    """

    __table_args__ = (
        Index("ix_email_entity", "entity", "entity_id", "created_at"),
        Index("ix_email_status", "status", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    entity: str = Field(max_length=20)
    entity_id: int
    contact_id: int | None = Field(default=None, foreign_key="contact.id", ondelete="SET NULL")
    to: str = Field(max_length=320)
    subject: str = Field(max_length=500)
    body: str = Field(max_length=20000)
    attachment_ids: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    template_id: int | None = Field(default=None, foreign_key="emailtemplate.id", ondelete="SET NULL")
    status: str = Field(default="queued", max_length=10)
    error: str | None = Field(default=None, max_length=2000)
    sent_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))
    claimed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))
