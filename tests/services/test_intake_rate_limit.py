"""The intake rate limit's counts: one budget per key, shared by every worker through Redis."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from rxcrm.services.leads import intake_rate_limit
from rxcrm.services.leads.intake_rate_limit import (
    MemoryBudgets,
    RedisBudgets,
    intake_budgets,
    use_intake_budgets,
)
from rxcrm.settings import Deployment

LOCAL_REDIS = "redis://127.0.0.1:6379/0"


def _client() -> redis.Redis:
    return redis.Redis.from_url(LOCAL_REDIS, socket_connect_timeout=0.5)


@pytest.fixture
def prefix() -> Iterator[str]:
    """A key prefix of the test's own on the local Redis (skipped without one); cleared afterwards."""
    client = _client()
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    prefix = f"rxcrm-test:intake:{uuid.uuid4().hex}:"
    yield prefix
    for key in client.scan_iter(f"{prefix}*"):
        client.delete(key)
    client.close()


def _dead_redis() -> redis.Redis:
    return redis.Redis(host="127.0.0.1", port=1, socket_connect_timeout=0.2, retry=Retry(NoBackoff(), 0))


def test_two_workers_on_redis_together_allow_exactly_the_limit(prefix: str) -> None:
    workers = [RedisBudgets(_client(), prefix) for _ in range(2)]
    waits = [workers[n % 2].take("key-a", 5) for n in range(12)]
    assert waits[:5] == [0] * 5
    assert all(1 <= wait <= 60 for wait in waits[5:])
    assert workers[1].take("key-b", 5) == 0
    assert 0 < _client().ttl(f"{prefix}key-a") <= 61


def test_an_unreachable_redis_falls_back_to_this_processes_counts() -> None:
    budgets = RedisBudgets(_dead_redis())
    waits = [budgets.take("key-a", 2) for _ in range(3)]
    assert waits[:2] == [0, 0] and 1 <= waits[2] <= 60


def test_no_limit_never_asks_redis() -> None:
    budgets = RedisBudgets(_dead_redis())
    assert [budgets.take("key-a", 0) for _ in range(50)] == [0] * 50


def test_without_redis_a_process_counts_each_key_alone() -> None:
    budgets = MemoryBudgets()
    waits = [budgets.take("key-a", 2) for _ in range(3)]
    assert waits[:2] == [0, 0] and 1 <= waits[2] <= 60
    assert budgets.take("key-b", 2) == 0


def test_the_counts_live_in_redis_when_the_deployment_names_one(monkeypatch: pytest.MonkeyPatch) -> None:
    for redis_url, kind in ((LOCAL_REDIS, RedisBudgets), (None, MemoryBudgets)):
        monkeypatch.setattr(
            intake_rate_limit, "deployment", lambda url=redis_url: Deployment("sqlite://", url)
        )
        use_intake_budgets(None)
        try:
            assert isinstance(intake_budgets(), kind)
        finally:
            use_intake_budgets(None)
