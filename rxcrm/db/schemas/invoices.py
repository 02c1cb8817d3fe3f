"""Invoice shapes: issuing from a contract or a sold deal, the status/due-date change, the answer."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel

from rxcrm.db.schemas.shapes import Body, RecordId


class InvoiceCreate(Body):
    """Bill one contract or a sold deal (one of the two); the due date defaults to the payment term."""

    contract_id: RecordId | None = None
    opportunity_id: RecordId | None = None
    due_date: date | None = None


class InvoiceUpdate(Body):
    """A status step (draft → sent → paid; paid → sent) and/or a new due date."""

    status: str | None = None
    due_date: date | None = None


class InvoicePublic(BaseModel):
    """An invoice: `YYYY-NNNN`, money as a decimal string, status as of the caller's today (overdue)."""

    id: int
    number: str
    account_id: int | None
    opportunity_id: int | None
    contract_id: int | None
    issue_date: date
    due_date: date
    amount: str | None
    currency: str
    status: str
    sent_on: date | None
    paid_on: date | None
    created_at: datetime
