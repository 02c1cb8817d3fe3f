"""History: what changed on a record, field by field."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from rxcrm.domain.records.field_labels import field_label

CREATED = "(created)"
# Money fields of the records whose history is shown: written "13,250.00 EUR" for people.
MONEY_FIELDS = frozenset({"amount", "budget", "cost"})
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


def history_field_label(field: str) -> str:
    """A changed field by its label, as forms show it: 'zip' is 'ZIP', 'owner_id' 'Owner'."""
    return field_label(field)


def readable_custom_value(value: str, custom_labels: Mapping[str, str]) -> str:
    """Custom fields as written into history ('industry=Oil, tier=2') with their labels ('Industry: Oil')."""
    keys = sorted(custom_labels, key=len, reverse=True)
    if not keys:
        return value
    pattern = re.compile(r"(^|, )(" + "|".join(re.escape(k) for k in keys) + r")=")
    return pattern.sub(lambda m: f"{m.group(1)}{custom_labels[m.group(2)]}: ", value)


def readable_history_value(
    field: str,
    value: str | None,
    names: Mapping[str, Mapping[int, str]],
    currency: str | None = None,
    custom_labels: Mapping[str, str] | None = None,
) -> str:
    """A history value as people read it: a linked record by name, money with thousands and currency.

    `names` maps a link field ('contact_id') to the names of the records the viewer may see; a linked
    record the viewer may not see (or one deleted since) shows as its number only ('#34'); custom
    fields are named by their labels (`custom_labels`: key -> label).
    """
    if value is None or value == "":
        return ""
    if field == "custom" and custom_labels:
        return readable_custom_value(value, custom_labels)
    if field in names:
        try:
            return names[field].get(int(value), f"#{value}")
        except ValueError:
            return value
    if field in MONEY_FIELDS:
        try:
            amount = Decimal(value)
        except ArithmeticError:
            return value
        return f"{amount:,.2f}" + (f" {currency}" if currency else "")
    return value
