"""Backing up the embedded database with SQLite's online backup API (safe while the app runs)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from rxcrm.domain.errors import ValidationFailed


def sqlite_file(database_url: str) -> Path:
    """The file behind a sqlite:/// URL (PostgreSQL is backed up with pg_dump instead)."""
    if not database_url.startswith("sqlite:///") or database_url == "sqlite://":
        raise ValidationFailed.from_fields(
            {"database": "rxcrm backup copies a SQLite file; back up PostgreSQL with pg_dump -Fc"}
        )
    return Path(database_url.removeprefix("sqlite:///"))


def backup_sqlite(database_url: str, target: Path) -> int:
    """Copy the live database page by page into `target` (a new file); returns its size in bytes."""
    source_path = sqlite_file(database_url)
    if not source_path.exists():
        raise ValidationFailed.from_fields({"database": f"{source_path} does not exist"})
    if target.exists():
        raise ValidationFailed.from_fields({"to": f"{target} exists already: choose a new file"})
    target.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(source_path)
    copy = sqlite3.connect(target)
    try:
        with copy:
            source.backup(copy, pages=1024)
    finally:
        copy.close()
        source.close()
    return target.stat().st_size
