"""Billing: invoices issued from contracts or sold deals, numbered gap-free per year."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from rxcrm.db.models.record_keeping import Stamped
from rxcrm.db.types import MONEY


class InvoiceCounter(SQLModel, table=True):
    """The last invoice sequence number handed out in a year; its row is locked while the next is taken."""

    year: int = Field(primary_key=True)
    last: int = 0


class Invoice(Stamped, table=True):
    """A bill for a contract or a sold deal, `YYYY-NNNN`: draft → sent → paid; overdue by the due date."""

    __table_args__ = (
        UniqueConstraint("year", "sequence", name="uq_invoice_year_sequence"),
        Index("ix_invoice_status_due", "status", "due_date"),
    )

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(max_length=20, unique=True)
    year: int
    sequence: int
    account_id: int | None = Field(default=None, foreign_key="account.id", index=True)
    opportunity_id: int | None = Field(
        default=None, foreign_key="opportunity.id", index=True, ondelete="SET NULL"
    )
    contract_id: int | None = Field(default=None, foreign_key="contract.id", index=True, ondelete="SET NULL")
    issue_date: date
    due_date: date
    amount: Decimal = Field(sa_column=Column(MONEY, nullable=False))
    currency: str = Field(default="EUR", max_length=3)
    status: str = Field(default="draft", max_length=10)
    sent_on: date | None = None
    paid_on: date | None = None
