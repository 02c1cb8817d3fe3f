"""Durability of the lead intake: kill -9 the server while clients post, and nothing acknowledged is lost.

The real API runs in its own process (uvicorn) on a SQLite file in WAL mode and on PostgreSQL; six
clients post single leads and batches with unique e-mails; the server is SIGKILLed three times at
random moments with requests in flight and started again. Afterwards every lead answered with 201
is stored exactly once under the id and owner it was answered with, a request cut off without an
answer is stored all or nothing, and the splitter's counters and its 50/30/20 split stay exact.
The long version with many kills is bench/intake_durability.py.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.api.intake_kill import Load, Server, kill_repeatedly
from tests.api.intake_ledger import SPLIT_PERCENTS, audit, postgres_schema_or_skip, prepare

KILLS = 3
CLIENTS = 6
MAX_BATCH = 40


@pytest.fixture(params=["sqlite-wal", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database of the test's own that a server process can open by URL (SQLite file or PG schema)."""
    if request.param == "sqlite-wal":
        yield f"sqlite:///{tmp_path / 'durable.db'}"
        return
    with postgres_schema_or_skip("rxcrm_durability") as url:
        yield url


def test_leads_acknowledged_before_a_kill_9_are_stored_exactly_once_and_split_exactly(
    database_url: str, tmp_path: Path, unused_port: int
) -> None:
    setup = prepare(database_url, SPLIT_PERCENTS)
    server = Server(database_url, unused_port, tmp_path / "server.log")
    load = Load(unused_port, setup.key, CLIENTS, MAX_BATCH)

    run = kill_repeatedly(server, load, KILLS, random.Random(12))

    assert run.kills == KILLS
    assert run.kills_in_flight >= 1
    found = audit(database_url, setup, run.posted)
    assert found.problems == []
    assert found.refused == {}
    assert found.acknowledged_leads > 0
    assert found.stored >= found.acknowledged_leads
    assert sum(found.counts) == found.stored
