"""Tickets of the shared inbox: threading by `[#N]`, message kinds, status steps and reply times.

A customer's e-mail whose subject carries `[#N]` joins ticket N; as in Zendesk and Teamleader, a
reply to a closed ticket reopens it (it does not start a new one). The first reply time is from the
ticket's creation to its first reply; the statistics take the median per assignee.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import datetime
from statistics import median
from typing import Any

from rxcrm.domain.errors import ValidationFailed
from rxcrm.domain.records.validation import FieldErrors, is_email

OPEN, PENDING, CLOSED = "open", "pending", "closed"
STATUSES = (OPEN, PENDING, CLOSED)
OPEN_OR_PENDING = "open_or_pending"  # a list's choice: every ticket not closed yet
LIST_STATUSES = (OPEN_OR_PENDING, *STATUSES)
CUSTOMER, REPLY, INTERNAL_NOTE = "customer", "reply", "internal_note"
KINDS = (CUSTOMER, REPLY, INTERNAL_NOTE)
USER_KINDS = (REPLY, INTERNAL_NOTE)  # what a user posts; customer messages arrive by the intake
NOTIFYING_KINDS = (CUSTOMER, INTERNAL_NOTE)
LIMITS = {"subject": 500, "body": 20000, "from_email": 320}
_NUMBER = re.compile(r"\[#(\d{1,9})\]")


def ticket_number_in(subject: str | None) -> int | None:
    """The ticket number a subject carries as `[#N]` (the first one), else None."""
    found = _NUMBER.search(subject or "")
    return int(found.group(1)) if found else None


def reply_subject(number: int, subject: str) -> str:
    """The subject of a reply to the customer: the ticket's subject tagged `[#N]` once."""
    bare = _NUMBER.sub("", subject).strip()
    return f"[#{number}] {bare}".strip()


def status_after_message(status: str, kind: str) -> str:
    """The status once a message is added: a customer message reopens, a reply waits for the customer."""
    if kind == CUSTOMER:
        return OPEN
    if kind == REPLY and status != CLOSED:
        return PENDING
    return status


def _one_line(value: Any) -> str:
    return " ".join(str(value or "").split())


def clean_message(kind: Any, body: Any, allowed: tuple[str, ...] = USER_KINDS) -> tuple[str, str]:
    """A message's kind (one of `allowed`) and its body (required, within its limit; lines kept)."""
    errors = FieldErrors()
    text = str(body or "").strip()
    if kind not in allowed:
        errors.add("kind", f"must be one of: {', '.join(allowed)}")
    if not text:
        errors.add("body", "is required")
    elif len(text) > LIMITS["body"]:
        errors.add("body", f"must be at most {LIMITS['body']} characters")
    errors.raise_if_any()
    return str(kind), text


def clean_ticket(data: Mapping[str, Any]) -> dict[str, str]:
    """A new ticket's sender address, subject and first message, checked together."""
    errors = FieldErrors()
    sender = str(data.get("from_email") or "").strip().lower()
    subject = _one_line(data.get("subject"))
    if not sender:
        errors.add("from_email", "is required")
    elif len(sender) > LIMITS["from_email"] or not is_email(sender):
        errors.add("from_email", "is not a valid e-mail address")
    if not subject:
        errors.add("subject", "is required")
    elif len(subject) > LIMITS["subject"]:
        errors.add("subject", f"must be at most {LIMITS['subject']} characters")
    try:
        body = clean_message(CUSTOMER, data.get("body"), (CUSTOMER,))[1]
    except ValidationFailed as exc:  # its fields join the others
        for field, message in exc.fields.items():
            errors.add(field, message)
        body = ""
    errors.raise_if_any()
    return {"from_email": sender, "subject": subject, "body": body}


def check_status(status: Any) -> str:
    """A status a user may set."""
    if status not in STATUSES:
        errors = FieldErrors()
        errors.add("status", f"must be one of: {', '.join(STATUSES)}")
        errors.raise_if_any()
    return str(status)


def minutes_between(start: datetime, end: datetime) -> float:
    """Whole and fractional minutes from `start` to `end` (never negative)."""
    return max(0.0, (end - start).total_seconds() / 60)


def median_minutes(durations: Iterable[float]) -> float | None:
    """The median of first-reply times in minutes (rounded to 0.1), None without any reply yet."""
    values = list(durations)
    return round(median(values), 1) if values else None
