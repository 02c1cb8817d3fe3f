"""What a sale creates: contract terms per product category, contract status, recurring revenue,
and the lock that freezes a sold deal."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from rxcrm.domain.commerce.money import cents
from rxcrm.domain.errors import Conflict

ONE_OFF = "one_off"
TERM = "term"
CONTRACT_KINDS = (ONE_OFF, TERM)
STATUSES = ("active", "expired", "cancelled")
LOCKED_MESSAGE = "This opportunity is sold and locked: unlock it first to {action}."


@dataclass(frozen=True)
class ContractTerms:
    """A contract's kind and its running time (a one-off contract has no end)."""

    kind: str
    start: date
    end: date | None


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def contract_terms(
    contract_kind: str | None,
    term_months: int | None,
    valid_from: date | None,
    valid_until: date | None,
    sold_on: date,
) -> ContractTerms:
    """When a contract for a sold item starts and ends.

    It starts on the quote's "valid from" day (else the day of the sale). A term contract runs for
    its category's length in months; a category without a length runs until the quote's "valid
    until" day, else for twelve months. Items without a category are one-off.
    """
    start = valid_from or sold_on
    if contract_kind != TERM:
        return ContractTerms(ONE_OFF, start, None)
    if term_months:
        return ContractTerms(TERM, start, add_months(start, term_months) - timedelta(days=1))
    if valid_until and valid_until > start:
        return ContractTerms(TERM, start, valid_until)
    return ContractTerms(TERM, start, add_months(start, 12) - timedelta(days=1))


def contract_status(stored: str, end: date | None, today: date) -> str:
    """Cancelled stays cancelled; a term contract past its end is expired; the rest is active."""
    if stored == "cancelled":
        return "cancelled"
    if end is not None and end < today:
        return "expired"
    return "active"


def term_months_between(start: date, end: date) -> int:
    """How many months a term from `start` to `end` (inclusive) covers; a started month counts."""
    months = max((end.year - start.year) * 12 + end.month - start.month, 1)
    while add_months(start, months) - timedelta(days=1) < end:
        months += 1
    while months > 1 and add_months(start, months - 1) - timedelta(days=1) >= end:
        months -= 1
    return months


def monthly_recurring(amount: Decimal, start: date, end: date | None) -> Decimal:
    """A term contract's monthly recurring revenue: its amount spread over its months."""
    if end is None:
        return Decimal("0.00")
    return cents(amount / term_months_between(start, end))


def check_unlocked(locked: bool, action: str) -> None:
    """A sold deal refuses every change until it is unlocked."""
    if locked:
        raise Conflict(LOCKED_MESSAGE.format(action=action))
