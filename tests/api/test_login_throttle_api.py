"""POST /auth/token is throttled: a locked account or address answers 429 with Retry-After, then recovers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.people.login_throttle import ACCOUNT_LIMIT, FIRST_LOCK, IP_LIMIT
from rxcrm.services.people.login_throttle import LoginThrottle, MemoryStore, use_login_throttle

URL = "/api/v1/auth/token"


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        """The current fake time."""
        return self.now


@pytest.fixture
def clock() -> Iterator[FakeClock]:
    """The login throttle runs on a fake clock."""
    fake = FakeClock()
    use_login_throttle(LoginThrottle(MemoryStore(), fake))
    yield fake


def _login(client: TestClient, email: str, password: str) -> tuple[int, dict]:
    answer = client.post(URL, json={"email": email, "password": password})
    return answer.status_code, {"body": answer.json(), "retry": answer.headers.get("retry-after")}


def test_25_wrong_passwords_lock_the_account_and_the_right_one_works_only_after_the_lockout(
    client: TestClient, session: Session, rep: User, clock: FakeClock
) -> None:
    session.commit()
    statuses = [_login(client, rep.email, f"wrong-{i}")[0] for i in range(25)]
    assert statuses == [401] * ACCOUNT_LIMIT + [429] * (25 - ACCOUNT_LIMIT)
    status, answer = _login(client, rep.email, "secret-password")
    assert status == 429 and answer["retry"] == str(int(FIRST_LOCK))
    assert answer["body"]["error"]["code"] == "rate_limited"
    assert "Too many failed logins" in answer["body"]["error"]["message"]
    clock.now += FIRST_LOCK + 1
    assert _login(client, rep.email, "secret-password")[0] == 200


def test_each_failure_after_a_lockout_doubles_the_next_one(
    client: TestClient, session: Session, rep: User, clock: FakeClock
) -> None:
    session.commit()
    for i in range(ACCOUNT_LIMIT):
        _login(client, rep.email, f"wrong-{i}")
    clock.now += FIRST_LOCK + 1
    assert _login(client, rep.email, "wrong-again")[0] == 401
    status, answer = _login(client, rep.email, "secret-password")
    assert status == 429 and answer["retry"] == str(int(2 * FIRST_LOCK))


def test_a_successful_login_resets_the_accounts_count(
    client: TestClient, session: Session, rep: User, clock: FakeClock
) -> None:
    session.commit()
    for _ in range(2):
        assert [_login(client, rep.email, "wrong")[0] for _ in range(ACCOUNT_LIMIT - 1)] == [401] * 4
        assert _login(client, rep.email, "secret-password")[0] == 200


def test_many_failures_from_one_address_over_many_accounts_lock_the_address(
    client: TestClient, session: Session, rep: User, clock: FakeClock
) -> None:
    session.commit()
    statuses = [_login(client, f"guess{i}@example.com", "wrong")[0] for i in range(IP_LIMIT)]
    assert statuses == [401] * IP_LIMIT
    assert _login(client, rep.email, "secret-password")[0] == 429
    clock.now += FIRST_LOCK + 1
    assert _login(client, rep.email, "secret-password")[0] == 200
