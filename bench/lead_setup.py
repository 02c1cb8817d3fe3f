"""Shared setup of the lead benchmarks: a migrated SQLite file, a sales team, the web splitter rule."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WEB_SPLIT = (40, 30, 20, 10)


def migrated_database(directory: Path) -> str:
    """A fresh SQLite file migrated like `rxcrm init-db` does, made the process's database; its URL."""
    url = f"sqlite:///{directory / 'bench.db'}"
    env = {**os.environ, "RXCRM_DATABASE_URL": url}
    command = [sys.executable, "-m", "alembic", "upgrade", "head"]
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
    os.environ["RXCRM_DATABASE_URL"] = url
    sys.path.insert(0, str(ROOT))
    return url


@contextmanager
def database_and_files(keep: bool) -> Iterator[Path]:
    """A migrated database and a scratch RXCRM_FILES_DIR (yielded) for one run, removed after unless kept."""
    directory = Path(tempfile.mkdtemp(prefix="rxcrm-bench-"))
    files = Path(tempfile.mkdtemp(prefix="rxcrm-bench-files-"))
    os.environ["RXCRM_FILES_DIR"] = str(files)
    try:
        migrated_database(directory)
        yield files
    finally:
        if keep:
            print(f"files kept: {files}")
        else:
            shutil.rmtree(files, ignore_errors=True)
        clean_up(directory, keep)


def sales_team(session: Any, reps: int) -> tuple[Any, list[Any]]:
    """The default configuration, an admin and `reps` reps; the first four split web leads 40/30/20/10."""
    from rxcrm.db.models import User
    from rxcrm.services.leads.splitter import save_rule
    from rxcrm.services.settings.defaults import install_defaults

    install_defaults(session)
    admin = User(email="admin@bench.test", name="Admin", role="admin", password_hash="x")
    team = [
        User(email=f"rep{i}@bench.test", name=f"Rep {i}", role="rep", password_hash="x") for i in range(reps)
    ]
    session.add_all([admin, *team])
    session.flush()
    web = [{"user_id": r.id, "percent": p} for r, p in zip(team[:4], WEB_SPLIT, strict=True)]
    save_rule(
        session, admin, {"name": "Web", "field": "source", "value": "web", "priority": 10, "assignees": web}
    )
    return admin, team


def seed_leads(existing: int, make: Callable[[int], dict[str, Any]], chunk: int = 5000) -> None:
    """Store `existing` leads through the bulk intake path, `chunk` per unit of work."""
    from rxcrm.db.session import unit_of_work
    from rxcrm.services.leads.intake import add_leads

    started = time.perf_counter()
    for first in range(0, existing, chunk):
        with unit_of_work() as session:
            add_leads(session, [make(i) for i in range(first, min(first + chunk, existing))], None, "seed")
    if existing:
        print(f"seeded {existing:,} leads in {time.perf_counter() - started:.1f} s")


def clean_up(directory: Path, keep: bool) -> None:
    """Delete the benchmark's database folder, or say where it is kept."""
    if keep:
        print(f"database kept: {directory / 'bench.db'}")
        return
    for path in directory.iterdir():
        path.unlink()
    directory.rmdir()
