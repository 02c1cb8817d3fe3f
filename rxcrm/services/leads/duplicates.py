"""Which stored lead a new one repeats: one indexed lookup per key column for a whole batch."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlmodel import Session, select

from rxcrm.db.models import Change

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
    wanted = [(key, sorted({value for row in rows if (value := row.get(key))})) for key in KEYS]
    oldest: dict[str, dict[str, int]] = {key: {} for key in KEYS}
    connection = session.connection()
    marker = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    for chunk in _chunks(wanted, 900):
        parts, params = [], []
        for key, values in chunk:
            holes = ", ".join([marker] * len(values))
            parts.append(f"SELECT '{key}', {key}, min(id) FROM lead WHERE {key} IN ({holes}) GROUP BY {key}")
            params.extend(values)
        for key, value, lead_id in connection.exec_driver_sql(
            " UNION ALL ".join(parts), tuple(params)
        ).fetchall():
            oldest[key][value] = lead_id
    return oldest


def _chunks(wanted: list[tuple[str, list[str]]], size: int) -> list[list[tuple[str, list[str]]]]:
    """The (key, values) lists cut into statements of at most `size` values, in key order."""
    chunks: list[list[tuple[str, list[str]]]] = [[]]
    room = size
    for key, values in wanted:
        while values:
            if room == 0:
                chunks.append([])
                room = size
            part, values = values[:room], values[room:]
            chunks[-1].append((key, part))
            room -= len(part)
    return [chunk for chunk in chunks if chunk]


def link_duplicates(session: Session, rows: list[dict[str, Any]]) -> None:
    """Each lead points at the oldest stored lead it repeats, else at its first occurrence in the batch."""
    by_key = _stored_originals(session, rows)
    stored_email, stored_phone, stored_name = (by_key[key] for key in KEYS)
    first_email: dict[str, int] = {}
    first_phone: dict[str, int] = {}
    first_name: dict[str, int] = {}
    for row in rows:  # `_earliest` unrolled over the three keys: it runs for every lead of every intake
        email, phone, name = row["email_key"], row["phone_key"], row["name_key"]
        original = _oldest(email, phone, name, stored_email, stored_phone, stored_name)
        if original is None:
            original = _oldest(email, phone, name, first_email, first_phone, first_name)
        row["duplicate_of_id"] = original
        lead_id = row["id"]
        if email:
            first_email.setdefault(email, lead_id)
        if phone:
            first_phone.setdefault(phone, lead_id)
        if name:
            first_name.setdefault(name, lead_id)


def _oldest(
    email: str | None,
    phone: str | None,
    name: str | None,
    emails: dict[str, int],
    phones: dict[str, int],
    names: dict[str, int],
) -> int | None:
    """The smallest id any of the lead's key values maps to."""
    best = emails.get(email) if email else None
    if phone and (hit := phones.get(phone)) is not None and (best is None or hit < best):
        best = hit
    if name and (hit := names.get(name)) is not None and (best is None or hit < best):
        best = hit
    return best


MERGED = "merged"
MERGED_PREFIX = "lead "


def merged_into(session: Session, lead_id: int, seen: frozenset[int] = frozenset()) -> list[int]:
    """The ids of the (deleted) duplicates ever merged into a lead, and into those, from its history."""
    notes = session.exec(
        select(Change.new).where(Change.entity == "lead", Change.entity_id == lead_id, Change.field == MERGED)
    ).all()
    found = [
        int(n[len(MERGED_PREFIX) :]) for n in notes if n and n.startswith(MERGED_PREFIX) and n[5:].isdigit()
    ]
    merged = [i for i in found if i not in seen and i != lead_id]
    return merged + [m for i in merged for m in merged_into(session, i, seen | {lead_id, *merged})]
