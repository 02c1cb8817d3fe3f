"""The login throttle's rule and stores: lockouts double, counts expire, Redis shares them across workers."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from rxcrm.domain.errors import TooManyAttempts
from rxcrm.domain.people.login_throttle import (
    ACCOUNT_LIMIT,
    FIRST_LOCK,
    LONGEST_LOCK,
    WINDOW,
    Failures,
    after_failure,
    lockout,
    wait_seconds,
)
from rxcrm.services.people.login_throttle import LoginThrottle, MemoryStore, RedisStore


def test_the_lockout_starts_at_the_limit_and_doubles_up_to_the_longest() -> None:
    assert lockout(ACCOUNT_LIMIT - 1, ACCOUNT_LIMIT) == 0
    assert lockout(ACCOUNT_LIMIT, ACCOUNT_LIMIT) == FIRST_LOCK
    assert lockout(ACCOUNT_LIMIT + 2, ACCOUNT_LIMIT) == 4 * FIRST_LOCK
    assert lockout(ACCOUNT_LIMIT + 1000, ACCOUNT_LIMIT) == LONGEST_LOCK


def test_failures_are_forgotten_a_window_after_the_last_one() -> None:
    failures = Failures(ACCOUNT_LIMIT, 100.0)
    assert wait_seconds(failures, ACCOUNT_LIMIT, 101.0) == FIRST_LOCK - 1
    assert wait_seconds(failures, ACCOUNT_LIMIT, 100.0 + WINDOW) == 0
    assert after_failure(failures, 100.0 + WINDOW) == Failures(1, 100.0 + WINDOW)


@pytest.fixture
def redis_client() -> Iterator[redis.Redis]:
    """A client of the local Redis (the test is skipped without one); its keys are removed afterwards."""
    client = redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=0.5)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    yield client
    client.close()


def test_two_workers_on_redis_share_one_lockout(redis_client: redis.Redis) -> None:
    prefix = f"rxcrm-test:{uuid.uuid4().hex}:"
    clock = [1_000.0]
    workers = [LoginThrottle(RedisStore(redis_client, prefix), lambda: clock[0]) for _ in range(2)]
    try:
        for i in range(ACCOUNT_LIMIT):
            workers[i % 2].failed("Rita@Example.com", "10.0.0.1")
        with pytest.raises(TooManyAttempts) as refused:
            workers[1].check("rita@example.com", "10.0.0.2")
        assert refused.value.retry_after == FIRST_LOCK
        assert 0 < redis_client.ttl(f"{prefix}account:rita@example.com") <= WINDOW
        workers[0].succeeded("rita@example.com")
        workers[1].check("rita@example.com", "10.0.0.2")
    finally:
        for key in redis_client.scan_iter(f"{prefix}*"):
            redis_client.delete(key)


def test_an_unreachable_redis_falls_back_to_this_processes_counts() -> None:
    dead = redis.Redis(host="127.0.0.1", port=1, socket_connect_timeout=0.2, retry=Retry(NoBackoff(), 0))
    throttle = LoginThrottle(RedisStore(dead), lambda: 50.0)
    for _ in range(ACCOUNT_LIMIT):
        throttle.failed("ann@example.com", None)
    with pytest.raises(TooManyAttempts):
        throttle.check("ann@example.com", None)


def test_the_memory_store_locks_and_a_success_unlocks() -> None:
    throttle = LoginThrottle(MemoryStore(), lambda: 10.0)
    for _ in range(ACCOUNT_LIMIT):
        throttle.failed("ann@example.com", "1.2.3.4")
    with pytest.raises(TooManyAttempts, match="30 seconds"):
        throttle.check("ann@example.com", None)
    throttle.succeeded("ann@example.com")
    throttle.check("ann@example.com", "1.2.3.4")
