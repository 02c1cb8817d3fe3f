"""CSV import shapes: the preview of a file, the import's counts and its per-row report."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class ImportReportLine(BaseModel):
    """One bad cell: its spreadsheet row (header = row 1), the field and what is wrong."""

    row: str
    field: str
    message: str


class ImportResult(BaseModel):
    """What an import did, or why it did nothing: counts and the per-row report."""

    kind: str
    ok: bool
    rows: int
    imported: int
    duplicates: int
    routed: int
    invalid: int
    skipped: int
    report: list[ImportReportLine]


class ImportPreview(ImportResult):
    """A dry run: the file's columns, the mapping (suggested when none was sent), its first rows."""

    header: list[str]
    mapping: dict[str, str] = Field(description="CSV column -> field name ('' = not imported)")
    sample: list[dict[str, Any]] = Field(description="mapped rows with their `row` number and `invalid`")


class ImportRejected(ImportResult):
    """Invalid rows and nothing imported: the contract's error object beside the counts and report."""

    error: dict[str, Any]
