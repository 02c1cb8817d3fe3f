"""Invoice rules: the `YYYY-NNNN` number, the draft → sent → paid steps, overdue, and the due date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from rxcrm.domain.errors import Conflict, ValidationFailed
from rxcrm.domain.records.validation import FieldErrors, read_day

DRAFT, SENT, PAID, OVERDUE = "draft", "sent", "paid", "overdue"
STORED_STATUSES = (DRAFT, SENT, PAID)
STATUSES = (DRAFT, SENT, PAID, OVERDUE)
STATUS_LABELS = {DRAFT: "Draft", SENT: "Sent", PAID: "Paid", OVERDUE: "Overdue"}
# Forward one step at a time; a payment recorded by mistake can be taken back (paid → sent).
STEPS: dict[str, tuple[str, ...]] = {DRAFT: (SENT,), SENT: (PAID,), PAID: (SENT,)}
DEFAULT_PAYMENT_DAYS = 30
MAX_PAYMENT_DAYS = 365
NOT_SOLD = "'{name}' is not sold yet: only a sold (won) opportunity can be invoiced."


def invoice_number(year: int, sequence: int) -> str:
    """The printed number: the year, a dash and the year's sequence in at least four digits."""
    return f"{year}-{sequence:04d}"


def default_due_date(issued: date, payment_days: int = DEFAULT_PAYMENT_DAYS) -> date:
    """When an invoice falls due unless told: its issue day plus the payment term."""
    return issued + timedelta(days=payment_days)


def shown_status(stored: str, due: date, today: date) -> str:
    """What a user sees: a sent invoice whose due date is before today (the viewer's) is overdue."""
    return OVERDUE if stored == SENT and due < today else stored


def check_payment_days(value: int) -> int:
    """A payment term is 1 to 365 days."""
    if not 1 <= value <= MAX_PAYMENT_DAYS:
        raise ValidationFailed.from_fields({"invoice_payment_days": f"must be 1 to {MAX_PAYMENT_DAYS}"})
    return value


@dataclass(frozen=True)
class InvoiceChange:
    """A checked change to an invoice: its new stored status and due date (None = unchanged)."""

    status: str | None
    due_date: date | None


def check_step(current: str, wanted: str) -> None:
    """Refuse a status step the workflow does not allow (409), naming the allowed ones."""
    if wanted != current and wanted not in STEPS[current]:
        allowed = " or ".join(STEPS[current])
        raise Conflict(f"A {current} invoice cannot become {wanted}; it can only become {allowed}.")


def check_change(current: str, issued: date, data: dict[str, Any]) -> InvoiceChange:
    """Validate a PATCH of status and due date against the stored invoice (422 per field, 409 per step)."""
    errors = FieldErrors()
    unknown = sorted(set(data) - {"status", "due_date"})
    for field in unknown:
        errors.add(field, "only status and due_date can be changed")
    status = data.get("status")
    if "status" in data and status not in STORED_STATUSES:
        hint = "; overdue follows from the due date" if status == OVERDUE else ""
        errors.add("status", f"must be one of: {', '.join(STORED_STATUSES)}{hint}")
    due = None
    if "due_date" in data:
        due = read_day(errors, data["due_date"], "due_date")
        if due is None and "due_date" not in errors.fields:
            errors.add("due_date", "is required")
        elif due is not None and due < issued:
            errors.add("due_date", f"must not be before the issue date ({issued.isoformat()})")
    errors.raise_if_any()
    if status is not None:
        check_step(current, status)
    if due is not None and current == PAID:
        raise Conflict("The invoice is paid: its due date no longer changes.")
    return InvoiceChange(status, due)
