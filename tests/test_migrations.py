"""Alembic migrations build exactly the schema the models describe."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect
from sqlmodel import SQLModel

import rxcrm.db.models  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent


def init_db(url: str) -> subprocess.CompletedProcess[str]:
    """Run `rxcrm.cli init-db` on the database at the URL; it must succeed."""
    env = {**os.environ, "RXCRM_DATABASE_URL": url}
    done = subprocess.run(
        [sys.executable, "-m", "rxcrm.cli", "init-db"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done


def test_init_db_migrates_an_empty_database_to_the_models(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    done = init_db(url)
    assert "7 stages" in done.stdout
    engine = create_engine(url)
    with engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert differences == []
    assert "alembic_version" in inspect(engine).get_table_names()


def test_init_db_twice_changes_nothing_and_loads_no_demo_records(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'twice.db'}"
    init_db(url)
    assert init_db(url).stdout.strip() == "Database ready."
    engine = create_engine(url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("select count(*) from account").scalar() == 0
        assert conn.exec_driver_sql("select count(*) from stage").scalar() == 7
