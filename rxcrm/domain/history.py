"""History: what changed on a record, field by field."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

CREATED = "(created)"
DELETED = "(deleted)"


@dataclass(frozen=True)
class FieldChange:
    """One field of one record changed from `old` to `new`."""

    field: str
    old: str | None
    new: str | None


def as_history_text(value: Any) -> str | None:
    """How a value is written into history: plain text, exact for money and dates."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in sorted(value.items()))
    return str(value)


def diff_fields(before: dict[str, Any], after: dict[str, Any]) -> list[FieldChange]:
    """Every field whose value differs between two snapshots of a record."""
    changes = []
    for field in sorted(set(before) | set(after)):
        old, new = as_history_text(before.get(field)), as_history_text(after.get(field))
        if old != new:
            changes.append(FieldChange(field, old, new))
    return changes
