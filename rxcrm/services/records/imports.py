"""Importing a CSV file of leads or accounts: preview, then all or nothing (or skip the bad rows) at once.

Every row is checked before anything is written. All or nothing (the default): one bad row writes
nothing and the caller gets the per-row report. `skip_invalid`: the valid rows are written, the bad
ones are left out and reported. Rows are written in chunks (so a progress bar can move), all inside
the caller's single unit of work: a failure anywhere rolls the whole file back.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert
from sqlmodel import Session

from rxcrm.db.models import Account, Change, User
from rxcrm.db.session import lock_for_writing
from rxcrm.db.types import utcnow
from rxcrm.domain.errors import ValidationFailed
from rxcrm.domain.records.csv_import import (
    ACCOUNTS,
    LEADS,
    CsvTable,
    Report,
    check_mapping,
    check_rows,
    map_rows,
    parse_csv,
    report_lines,
    suggest_mapping,
)
from rxcrm.services.accounts.accounts import ENTITY as ACCOUNT_ENTITY
from rxcrm.services.accounts.accounts import new_account_defaults
from rxcrm.services.leads.intake import add_leads
from rxcrm.services.people.permissions import require
from rxcrm.services.records.changes import creation_changes
from rxcrm.services.records.custom_fields import check_record_custom
from rxcrm.services.records.events import touch

CHUNK = 5000
PREVIEW_ROWS = 10
PREVIEW_INVALID = 5  # bad rows past the first ones, shown too so the preview always points at one
ACCOUNTS_TOPIC = "accounts"
Progress = Callable[[int, int], None]
Tell = Progress | None
ColumnMap = Mapping[str, Any] | None
NAME = "upload.csv"


@dataclass
class ImportResult:
    """What an import did, or why it did nothing: counts and the per-row report."""

    kind: str
    rows: int
    imported: int = 0
    duplicates: int = 0
    routed: int = 0
    invalid: int = 0
    errors: Report = field(default_factory=dict)
    skip_invalid: bool = False

    @property
    def ok(self) -> bool:
        """Whether the file is imported: every row valid, or the valid ones when bad rows may be skipped."""
        return self.invalid == 0 or (self.skip_invalid and self.invalid < self.rows)

    @property
    def skipped(self) -> int:
        """Invalid rows left out of an import that skips them (0 when nothing is written)."""
        return self.invalid if self.ok else 0

    def as_dict(self) -> dict[str, Any]:
        """The result as the API and the UI show it."""
        return {
            "kind": self.kind,
            "ok": self.ok,
            "rows": self.rows,
            "imported": self.imported,
            "duplicates": self.duplicates,
            "routed": self.routed,
            "invalid": self.invalid,
            "skipped": self.skipped,
            "report": report_lines(self.errors),
        }


def _table(text: str | CsvTable) -> CsvTable:
    """A file's table; callers may parse beforehand (off the event loop, before any write lock)."""
    return text if isinstance(text, CsvTable) else parse_csv(text)


def preview(
    session: Session, actor: User, kind: str, text: str | CsvTable, mapping: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The file's columns, the mapping (suggested when none is given), its first rows and its report."""
    require(session, actor, kind, "add")
    table = _table(text)
    chosen = suggest_mapping(table.header, kind) if mapping is None else dict(mapping)
    wanted = check_mapping(table.header, chosen, kind)
    checked = check_rows(table, wanted, kind)
    return {
        "header": table.header,
        "mapping": {c: chosen.get(c) or "" for c in table.header},
        "sample": _sample(table, wanted, checked.errors),
        **ImportResult(kind, checked.total, invalid=checked.invalid, errors=checked.errors).as_dict(),
    }


def _sample(table: CsvTable, wanted: Mapping[str, str], errors: Report) -> list[dict[str, Any]]:
    """The first rows and the first bad rows after them, each with its spreadsheet row number and verdict.

    Every sample row carries `row` (the number a spreadsheet shows: header = 1) and `invalid`.
    """
    indexes = list(range(min(PREVIEW_ROWS, len(table.rows))))
    last_shown = table.numbers[indexes[-1]] if indexes else 0
    later_bad = [n for n in sorted(errors) if n > last_shown]
    indexes += [bisect_left(table.numbers, n) for n in later_bad[:PREVIEW_INVALID]]
    fields = set(wanted.values())
    sample = []
    for index in indexes:
        record = map_rows(table, wanted, index, index + 1)[0]
        number = table.numbers[index]
        values = {k: v for k, v in record.items() if k in fields}
        sample.append({**values, "row": number, "invalid": number in errors})
    return sample


def import_file(
    session: Session,
    actor: User,
    kind: str,
    text: str | CsvTable,
    mapping: ColumnMap,
    filename: str = NAME,
    progress: Tell = None,
    skip_invalid: bool = False,
) -> ImportResult:
    """Import a file of leads or accounts: every row valid, or nothing written and the report returned.

    With `skip_invalid` the valid rows are written and the bad ones only reported (nothing is written
    when no row is valid). Without a mapping the suggested one is used; `progress(done, total)` is
    told after each chunk.
    """
    if kind not in WRITERS:
        raise ValidationFailed.from_fields({"kind": f"must be {LEADS} or {ACCOUNTS}"})
    require(session, actor, kind, "add")
    checked, result = _checked(text, mapping, kind)
    result.skip_invalid = skip_invalid
    if result.ok:
        WRITERS[kind](session, actor, checked, result, filename, progress or _silent)
    return result


def _write_leads(
    session: Session,
    actor: User,
    leads: list[dict[str, Any]],
    result: ImportResult,
    filename: str,
    tell: Progress,
) -> None:
    origin = f"CSV import: {filename}"[:200]
    for start in range(0, len(leads), CHUNK):
        # One unit of work: the first chunk takes the write lock, the later ones hold it already.
        placed = add_leads(session, leads[start : start + CHUNK], actor.id, origin)
        result.imported += len(placed)
        result.duplicates += sum(1 for p in placed if p["duplicate_of_id"] is not None)
        result.routed += sum(1 for p in placed if p["rule_id"] is not None)
        tell(result.imported, len(leads))


def _write_accounts(
    session: Session,
    actor: User,
    accounts: list[dict[str, Any]],
    result: ImportResult,
    _: str,
    tell: Progress,
) -> None:
    custom = check_record_custom(session, ACCOUNT_ENTITY, {}, True)
    defaults = {**new_account_defaults(actor), "custom": custom}
    lock_for_writing(session)
    for start in range(0, len(accounts), CHUNK):
        ids = _insert_accounts(session, [{**defaults, **v} for v in accounts[start : start + CHUNK]], actor)
        result.imported += len(ids)
        touch(session, ACCOUNTS_TOPIC, *ids)
        tell(result.imported, len(accounts))


def _checked(
    text: str | CsvTable, mapping: Mapping[str, Any] | None, kind: str
) -> tuple[list[dict[str, Any]], ImportResult]:
    table = _table(text)
    chosen = suggest_mapping(table.header, kind) if mapping is None else mapping
    checked = check_rows(table, check_mapping(table.header, chosen, kind), kind)
    return checked.valid, ImportResult(kind, checked.total, invalid=checked.invalid, errors=checked.errors)


def _insert_accounts(session: Session, values: list[dict[str, Any]], actor: User) -> list[int]:
    """Insert accounts with one executemany and write the history a single insert would write."""
    now = utcnow()
    blank = {c.name: None for c in Account.__table__.columns if c.name != "id"}
    flags = {"key_account": False, "is_private": False, "is_global": False}
    rows = [{**blank, **flags, **v, "created_at": now, "updated_at": now} for v in values]
    table = Account.__table__
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    ids = list(session.connection().execute(statement, rows).scalars())
    lines = [
        {
            "entity": ACCOUNT_ENTITY,
            "entity_id": account_id,
            "action": "create",
            "field": change.field,
            "old": change.old,
            "new": change.new,
            "by_id": actor.id,
            "at": now,
        }
        for account_id, row in zip(ids, rows, strict=True)
        for change in creation_changes(row, row["name"])
    ]
    session.connection().execute(insert(Change.__table__), lines)
    return ids


def _silent(done: int, total: int) -> None:
    """No progress bar is watching."""


WRITERS = {LEADS: _write_leads, ACCOUNTS: _write_accounts}
