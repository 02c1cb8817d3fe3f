"""The production start refuses a database without an administrator; backups copy the live database."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _rxcrm(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "RXCRM_DATABASE_URL": f"sqlite:///{db}"}
    return subprocess.run(
        [sys.executable, "-m", "rxcrm.cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_production_start_needs_an_administrator_and_never_seeds_demo_data(tmp_path: Path) -> None:
    db = tmp_path / "prod.db"
    assert _rxcrm(db, "init-db").returncode == 0
    refused = _rxcrm(db, "check-admin")
    assert refused.returncode == 2 and "rxcrm create-admin" in refused.stderr
    created = _rxcrm(db, "create-admin", "--email", "ops@example.com", "--password", "long-secret-1")
    assert created.returncode == 0, created.stderr
    assert _rxcrm(db, "check-admin").returncode == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from account").fetchone() == (0,)
        assert conn.execute("select email from user").fetchall() == [("ops@example.com",)]


def test_backup_copies_the_database_into_a_new_file_and_never_overwrites(tmp_path: Path) -> None:
    db, copy = tmp_path / "live.db", tmp_path / "backups" / "crm-1.db"
    assert _rxcrm(db, "init-db").returncode == 0
    assert (
        _rxcrm(db, "create-admin", "--email", "ops@example.com", "--password", "long-secret-1").returncode
        == 0
    )
    done = _rxcrm(db, "backup", "--to", str(copy))
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(copy) as conn:
        assert conn.execute("select email from user").fetchall() == [("ops@example.com",)]
    again = _rxcrm(db, "backup", "--to", str(copy))
    assert again.returncode == 2 and "exists already" in again.stderr
