"""Which stored lead a new one repeats: one indexed lookup per key column for a whole batch."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlmodel import Session

KEYS = ("email_key", "phone_key", "name_key")


def find_originals(session: Session, rows: Sequence[Mapping[str, Any]]) -> list[int | None]:
    """For each new lead, the oldest stored lead it duplicates (same e-mail, phone or name + company)."""
    oldest = _stored_originals(session, rows)
    return [_earliest(row, oldest) for row in rows]


def _earliest(row: Mapping[str, Any], by_key: dict[str, dict[str, int]]) -> int | None:
    found = [hit for key in KEYS if (value := row.get(key)) and (hit := by_key[key].get(value)) is not None]
    return min(found) if found else None


def _stored_originals(session: Session, rows: Sequence[Mapping[str, Any]]) -> dict[str, dict[str, int]]:
    """Per key column, the oldest stored lead id of each key value the rows carry.

    One plain SQL statement per 900 keys (indexed lookups on the three key columns): it runs on every intake.
    """
    wanted = sorted({(key, row[key]) for row in rows for key in KEYS if row.get(key)})
    oldest: dict[str, dict[str, int]] = {key: {} for key in KEYS}
    connection = session.connection()
    marker = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    for chunk in _chunks(wanted, 900):
        parts, params = [], []
        for key in KEYS:
            values = [value for k, value in chunk if k == key]
            if values:
                holes = ", ".join([marker] * len(values))
                parts.append(
                    f"SELECT '{key}', {key}, min(id) FROM lead WHERE {key} IN ({holes}) GROUP BY {key}"
                )
                params.extend(values)
        for key, value, lead_id in connection.exec_driver_sql(
            " UNION ALL ".join(parts), tuple(params)
        ).fetchall():
            oldest[key][value] = lead_id
    return oldest


def _chunks(values: list[Any], size: int) -> list[list[Any]]:
    return [values[i : i + size] for i in range(0, len(values), size)]


def link_duplicates(session: Session, rows: list[dict[str, Any]]) -> None:
    """Each lead points at the oldest stored lead it repeats, else at its first occurrence in the batch."""
    by_key = _stored_originals(session, rows)
    stored = [by_key[key] for key in KEYS]
    first: list[dict[str, int]] = [{} for _ in KEYS]
    for row in rows:
        values = [row[key] for key in KEYS]
        original = _oldest(values, stored)
        row["duplicate_of_id"] = original if original is not None else _oldest(values, first)
        for value, seen in zip(values, first, strict=True):
            if value:
                seen.setdefault(value, row["id"])


def _oldest(values: list[str | None], found: list[dict[str, int]]) -> int | None:
    """The smallest id any of the lead's key values maps to (`_earliest` for a hot loop)."""
    best = None
    for value, ids in zip(values, found, strict=True):
        if value and (hit := ids.get(value)) is not None and (best is None or hit < best):
            best = hit
    return best
