"""Scale-out: the API with 3 workers on PostgreSQL + Redis under intake, board moves and dashboard reads.

The real API runs under granian with three worker processes sharing a PostgreSQL schema and Redis.
Client threads post single leads and batches, move deals between stages and read the pipeline
widget for a while; then the intake rate limit is set and more requests than it allows are sent,
a new connection each, across the workers. No answer is a 5xx; every lead answered with 201 is
stored exactly once under its answered id and owner; the splitter's counters match and its split is
exact; every deal rests where its last acknowledged move put it; every widget read counts every
deal; and the three workers together allow exactly the limit. bench/scale_out.py is the long run.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from tests.api.intake_kill import Server
from tests.api.intake_ledger import SPLIT_PERCENTS, audit, postgres_schema_or_skip, prepare
from tests.api.scale_out_load import MixedLoad, deal_stages, exceed_limit, limit_intake, prepare_board

WORKERS = 3
SECONDS = 10.0
CLIENTS = (4, 2, 2)  # intake, movers, dashboard readers
DEALS_EACH = 10
LIMIT = 30
REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture
def database_url() -> Iterator[str]:
    """A PostgreSQL schema of the test's own (skipped without PostgreSQL)."""
    with postgres_schema_or_skip("rxcrm_scale_out") as url:
        yield url


@pytest.fixture
def redis_url() -> Iterator[str]:
    """The local Redis (skipped without one); the run's intake counters expire a minute later."""
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip(f"Redis not reachable at {REDIS_URL}")
    yield REDIS_URL
    client.close()


def test_three_workers_lose_nothing_split_exactly_and_share_one_intake_rate_limit(
    database_url: str, redis_url: str, unused_port: int, tmp_path: Path
) -> None:
    setup = prepare(database_url, SPLIT_PERCENTS)
    board = prepare_board(database_url, setup, CLIENTS[1], DEALS_EACH)
    server = Server(database_url, unused_port, tmp_path / "server.log", "granian", WORKERS, redis_url)
    server.start()
    try:
        mixed = MixedLoad(unused_port, setup.key, board, CLIENTS, max_batch=40).run(SECONDS)
        limited = exceed_limit(unused_port, limit_intake(database_url, LIMIT), 3 * LIMIT, threads=6)
    finally:
        server.stop()

    statuses = {kind: dict(counts) for kind, counts in {**mixed.statuses, **limited.statuses}.items()}
    assert all(status is not None and status < 500 for c in statuses.values() for status in c), statuses
    assert all(
        mixed.statuses[kind][ok] > 0
        for kind, ok in (("move", 200), ("dashboard", 200), ("intake batch", 201))
    )
    assert set(mixed.widget_totals) == {sum(len(d) for d in board.deals)}
    stored = deal_stages(database_url)
    assert {deal: stored[deal] for deal in mixed.last_move} == mixed.last_move
    assert limited.statuses["intake limited"] == {201: LIMIT, 429: 2 * LIMIT}, server.log_tail()
    assert all(1 <= wait <= 60 for wait in limited.retry_after)
    found = audit(database_url, setup, mixed.posted + limited.posted)
    assert found.problems == []
    assert found.refused == {429: 2 * LIMIT}
    assert found.acknowledged_leads > 0 and found.stored == found.acknowledged_leads
