"""E-mail shapes: templates, a message to send from a record, the e-mail log and a template preview."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from rxcrm.db.schemas.shapes import Body, RecordId


class EmailTemplateUpdate(Body):
    """Changes to an e-mail template."""

    name: str | None = Field(default=None, max_length=1000)
    subject: str | None = Field(default=None, max_length=2000)
    body: str | None = Field(default=None, max_length=40000)


class EmailTemplateCreate(EmailTemplateUpdate):
    """A new e-mail template: subject and body may use the quote tokens (GET /quote-templates/tokens)."""

    name: str = Field(max_length=1000)
    subject: str = Field(max_length=2000)
    body: str = Field(max_length=40000)


class EmailTemplatePublic(BaseModel):
    """An e-mail template."""

    id: int
    name: str
    subject: str
    body: str
    created_at: datetime | None = None
    updated_at: datetime | None = None


class EmailCreate(Body):
    """An e-mail to a contact from a record; subject and body default to the template's, filled in.

    Without `contact_id` a lead is written to at its own address, a contact at its own.
    """

    contact_id: RecordId | None = None
    entity: str = Field(max_length=20)
    entity_id: RecordId
    subject: str | None = Field(default=None, max_length=2000)
    body: str | None = Field(default=None, max_length=40000)
    template_id: RecordId | None = None
    attachment_ids: list[RecordId] | None = Field(default=None, max_length=50)


class EmailSent(BaseModel):
    """What became of an e-mail: sent, written to the outbox, or failed (with the error)."""

    id: int
    to: str
    subject: str
    status: str
    error: str | None = None


class EmailPublic(EmailSent):
    """An e-mail of the log."""

    entity: str
    entity_id: int
    contact_id: int | None = None
    body: str
    attachment_ids: list[int]
    template_id: int | None = None
    sent_at: datetime | None = None
    created_by_id: int | None = None
    created_at: datetime | None = None


class EmailPreviewCreate(Body):
    """A template filled from a real record, to see before saving or sending."""

    entity: str = Field(max_length=20)
    entity_id: RecordId
    contact_id: RecordId | None = None
    template_id: RecordId | None = None
    subject: str | None = Field(default=None, max_length=2000)
    body: str | None = Field(default=None, max_length=40000)


class EmailPreview(BaseModel):
    """A filled-in subject and body."""

    subject: str
    body: str
