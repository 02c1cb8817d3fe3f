"""Tasks (spec §5.5): what a valid task holds, the order of its linked accounts, when it is overdue.

A task's linked accounts are ordered; the first is its **primary** account. Starring another linked
account makes it the first (the others keep their order); unlinking the primary makes the next one
primary; a primary must be one of the linked accounts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from rxcrm.domain.errors import ValidationFailed
from rxcrm.domain.records.validation import (
    LONG_TEXT,
    SHORT_TEXT,
    FieldErrors,
    check_choice,
    clean_text,
    read_day,
    record_id,
)

OPEN = "open"
DONE = "done"
STATUSES = (OPEN, DONE)
PRIORITIES = ("low", "normal", "high")
MAX_ACCOUNTS = 50
NOT_LINKED = "must be one of the task's linked accounts"


def validate_task(
    data: Mapping[str, Any], creating: bool, found: FieldErrors | None = None
) -> dict[str, Any]:
    """The task's own fields cleaned (title, description, due date, status, priority).

    Problems are added to `found` when given (the caller checks more and raises once), else raised.
    """
    errors = found if found is not None else FieldErrors()
    values: dict[str, Any] = {}
    if creating or "title" in data:
        title = clean_text(data.get("title"))
        if title is None:
            errors.add("title", "is required")
        elif len(title) > SHORT_TEXT:
            errors.add("title", f"must be at most {SHORT_TEXT} characters")
        values["title"] = title
    if "description" in data:
        description = clean_text(data.get("description"))
        if description is not None and len(description) > LONG_TEXT:
            errors.add("description", f"must be at most {LONG_TEXT} characters")
        values["description"] = description
    if "due_date" in data:
        values["due_date"] = read_day(errors, data.get("due_date"), "due_date")
    for field, choices in (("status", STATUSES), ("priority", PRIORITIES)):
        if field in data:
            if data[field] is None:
                errors.add(field, f"must be one of: {', '.join(choices)}")
            check_choice(errors, data, field, choices)
            values[field] = data[field]
    if found is None:
        errors.raise_if_any()
    return values


def linked_order(account_ids: Iterable[Any], primary: Any = None) -> list[int]:
    """The linked accounts in order, each once, with `primary` (when given) moved to the front."""
    ordered: list[int] = []
    for value in account_ids:
        account = record_id(value) if not isinstance(value, bool) else None
        if account is None:
            raise ValidationFailed.from_fields({"account_ids": "must be a list of account ids"})
        if account not in ordered:
            ordered.append(account)
    if len(ordered) > MAX_ACCOUNTS:
        raise ValidationFailed.from_fields({"account_ids": f"at most {MAX_ACCOUNTS} accounts"})
    if primary is None:
        return ordered
    if primary not in ordered:
        raise ValidationFailed.from_fields({"primary_account_id": NOT_LINKED})
    return [primary, *(a for a in ordered if a != primary)]


def primary_of(account_ids: list[int]) -> int | None:
    """A task's primary account: the first linked one (none without links)."""
    return account_ids[0] if account_ids else None


def is_overdue(status: str, due_date: date | None, today: date) -> bool:
    """An open task whose due day is before the viewer's today."""
    return status == OPEN and due_date is not None and due_date < today
