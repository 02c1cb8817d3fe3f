"""Shared parts of the concurrency tests: a split rule over new reps, and clients started at once."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Sequence
from fractions import Fraction

from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.services.leads.splitter import save_rule
from tests.conftest import make_user


def split_between(session: Session, percents: Sequence[int]) -> tuple[User, list[User]]:
    """An admin and one new rep per percentage, with a rule splitting every lead between the reps."""
    admin = make_user(session, role="admin")
    reps = [make_user(session) for _ in percents]
    assignees = [{"user_id": r.id, "percent": p} for r, p in zip(reps, percents, strict=True)]
    save_rule(session, admin, {"name": "All", "operator": "any", "assignees": assignees})
    return admin, reps


def run_at_once(count: int, client: Callable[[int, Callable[[], object]], None]) -> list[BaseException]:
    """Run `client(number, wait_for_start)` in `count` threads; return what they raised."""
    start = threading.Barrier(count)
    problems: list[BaseException] = []

    def run(number: int) -> None:
        try:
            client(number, start.wait)
        except BaseException as exc:  # noqa: BLE001 - returned to the test, which asserts on it
            problems.append(exc)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return problems


def assert_split_exact(owners: Counter[int | None], reps: Sequence[User], percents: Sequence[int]) -> None:
    """Each rep holds his/her percentage of all leads, to within one lead."""
    total = sum(owners.values())
    for rep, percent in zip(reps, percents, strict=True):
        assert abs(owners[rep.id] - Fraction(percent * total, 100)) < 1
