"""Exported spreadsheets: cells a spreadsheet program never runs as a formula."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

from rxcrm.domain.errors import ValidationFailed

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_EXPORT_ROWS = 100_000  # one file: larger lists are narrowed by a filter first
# What an XLSX cell (XML) cannot hold: the control characters other than tab, newline and carriage return.
NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def check_export_rows(count: int, limit: int = MAX_EXPORT_ROWS) -> None:
    """Refuse an export of more rows than one file holds, saying how to get a smaller one."""
    if count > limit:
        raise ValidationFailed(
            f"The export would hold {count:,} rows; at most {limit:,} rows can be exported at once. "
            "Narrow the list with a filter and export it in parts."
        )


def safe_cell(value: object) -> str:
    """A cell's text, prefixed with an apostrophe when a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def sheet_cell(value: object) -> str:
    """An XLSX cell's text: without the characters XML cannot hold, then made safe against formulas."""
    return safe_cell(NOT_IN_XML.sub("", "" if value is None else str(value)))


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A CSV document with every cell made safe."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(c) for c in row])
    return out.getvalue()
