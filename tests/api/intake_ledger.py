"""The database side of the intake kill runs: a fresh database, its splitter rule, and the final audit.

The audit compares what the clients were told with what is stored: every lead acknowledged with
201 is stored exactly once under the id and owner it was answered with; a request that got no
answer is stored all or nothing; a refused request stored nothing; each stored lead has its one
creation line in the history; the rule's counters equal the leads it routed and the split is exact.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pytest
from sqlalchemy import text
from sqlmodel import Session, SQLModel, create_engine, select

import rxcrm.db.models  # noqa: F401  (registers every table)
from rxcrm.db.models import Change, Lead, Notification, SplitterShare, User
from rxcrm.db.session import build_engine
from rxcrm.domain.leads.splitter_shares import split_error
from rxcrm.services.leads.splitter import save_rule
from rxcrm.services.settings.api_keys import create_api_key
from rxcrm.services.settings.defaults import install_defaults
from tests.api.intake_kill import Posted

MAX_PROBLEMS = 12
SPLIT_PERCENTS = (50, 30, 20)  # the catch-all rule's shares in the kill and scale-out runs
LOCAL_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def postgres_server() -> str:
    """The PostgreSQL server of the kill and scale-out runs: RXCRM_TEST_POSTGRES_URL, else a local one."""
    return os.environ.get("RXCRM_TEST_POSTGRES_URL") or LOCAL_POSTGRES


@dataclass(frozen=True)
class Setup:
    """The API key the clients send and the catch-all rule splitting among the reps."""

    key: str
    rule_id: int
    percents: tuple[int, ...]
    rep_ids: tuple[int, ...]


@contextmanager
def postgres_schema(base_url: str, name: str) -> Iterator[str]:
    """A schema of its own for the run (dropped afterwards); yields the URL whose connections use it."""
    schema = f"{name}_{os.getpid()}"
    admin = create_engine(base_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        yield f"{base_url}{'&' if '?' in base_url else '?'}options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


@contextmanager
def postgres_schema_or_skip(name: str) -> Iterator[str]:
    """A schema of the test's own on `postgres_server()`; the test is skipped when no server answers."""
    base = postgres_server()
    if not postgres_reachable(base):
        pytest.skip(f"PostgreSQL not reachable at {base}")
    with postgres_schema(base, name) as url:
        yield url


def postgres_reachable(url: str) -> bool:
    """Whether a PostgreSQL server answers at `url`."""
    engine = create_engine(url, connect_args={"connect_timeout": 3})
    try:
        with engine.connect():
            return True
    except Exception:  # noqa: BLE001 - any failure means "not there"
        return False
    finally:
        engine.dispose()


def prepare(url: str, percents: Sequence[int]) -> Setup:
    """Tables, the default configuration, an admin, one rep per percent, a catch-all rule and an API key."""
    engine = build_engine(url)
    SQLModel.metadata.create_all(engine)
    with Session(engine, expire_on_commit=False) as session:
        install_defaults(session)
        admin = User(email="admin@durable.test", name="Admin", role="admin", password_hash="x")
        reps = [
            User(email=f"rep{i}@durable.test", name=f"Rep {i}", role="rep", password_hash="x")
            for i in range(len(percents))
        ]
        session.add_all([admin, *reps])
        session.flush()
        assignees = [{"user_id": r.id, "percent": p} for r, p in zip(reps, percents, strict=True)]
        rule = save_rule(session, admin, {"name": "Everything", "operator": "any", "assignees": assignees})
        _, key = create_api_key(session, admin, "durability")
        session.commit()
        setup = Setup(key, rule["id"], tuple(percents), tuple(r.id for r in reps))
    engine.dispose()
    return setup


@dataclass
class Audit:
    """Figures of a kill run and every inconsistency found (`problems` empty means durable)."""

    requests: int = 0
    acknowledged_requests: int = 0
    acknowledged_leads: int = 0
    unanswered_requests: int = 0
    unanswered_stored: int = 0
    refused: Counter = field(default_factory=Counter)
    stored: int = 0
    lost: int = 0
    duplicated: int = 0
    partial: int = 0
    counts: list[int] = field(default_factory=list)
    split_error: float = 0.0
    problems: list[str] = field(default_factory=list)


def audit(url: str, setup: Setup, posted: Sequence[Posted]) -> Audit:
    """Compare the answers the clients got with the database (see the module docstring)."""
    engine = build_engine(url)
    with Session(engine) as session:
        rows = session.exec(select(Lead.id, Lead.email, Lead.owner_id, Lead.rule_id)).all()
        shares = session.exec(
            select(SplitterShare)
            .where(SplitterShare.rule_id == setup.rule_id)
            .order_by(SplitterShare.position)
        ).all()
        lines = Counter(
            session.exec(
                select(Change.entity_id).where(Change.entity == "lead", Change.action == "create")
            ).all()
        )
        notices = session.exec(select(Notification.message).where(Notification.entity == "lead")).all()
    engine.dispose()
    result = Audit(requests=len(posted), stored=len(rows))
    by_email = _stored_by_email(rows, result)
    _check_requests(posted, by_email, result)
    _check_history(rows, lines, notices, result)
    _check_split(rows, shares, setup, result)
    if len(result.problems) > MAX_PROBLEMS:
        more = len(result.problems) - MAX_PROBLEMS
        result.problems[MAX_PROBLEMS:] = [f"… and {more} more problems"]
    return result


def _stored_by_email(rows: Sequence[Any], result: Audit) -> dict[str, Any]:
    twice = [e for e, n in Counter(row.email for row in rows).items() if n > 1]
    result.duplicated = len(twice)
    if twice:
        result.problems.append(f"{len(twice)} e-mails stored more than once, e.g. {sorted(twice)[:5]}")
    return {row.email: row for row in rows}


def _check_requests(posted: Sequence[Posted], by_email: dict[str, Any], result: Audit) -> None:
    """Acknowledged: all stored as answered; unanswered: all or nothing; refused: nothing."""
    for request in posted:
        found = [by_email.get(e) for e in request.emails]
        present = sum(row is not None for row in found)
        if request.status == 201:
            _check_acknowledged(request, found, result)
        elif request.status is None:
            result.unanswered_requests += 1
            result.unanswered_stored += present == len(found)
            if 0 < present < len(found):
                result.partial += 1
                result.problems.append(f"unanswered {request.emails[0]}…: {present} of {len(found)} stored")
        else:
            result.refused[request.status] += 1
            if present:
                result.problems.append(f"refused ({request.status}) {request.emails[0]}…: {present} stored")
    strays = set(by_email) - {e for request in posted for e in request.emails}
    if strays:
        result.problems.append(f"{len(strays)} stored leads nobody sent, e.g. {sorted(strays)[:3]}")


def _check_acknowledged(request: Posted, found: list[Any], result: Audit) -> None:
    """Every lead of a 201 answer is stored, under the id and owner the answer gave."""
    result.acknowledged_requests += 1
    result.acknowledged_leads += len(found)
    result.lost += sum(row is None for row in found)
    answered = [(a["id"], a["owner_id"]) for a in request.leads]
    stored = [(row.id, row.owner_id) if row else None for row in found]
    if stored != answered:
        wrong = sum(a != b for a, b in zip(answered, stored, strict=False)) + abs(len(answered) - len(stored))
        result.problems.append(
            f"acknowledged {request.emails[0]}…: {len(found)} leads sent, {len(answered)} answered, "
            f"{sum(row is not None for row in found)} stored, {wrong} not as answered"
        )


def _check_history(rows: Sequence[Any], lines: Counter, notices: Sequence[str], result: Audit) -> None:
    """One creation line per stored lead; the owners' notifications announce exactly the stored leads."""
    wrong = [row.id for row in rows if lines[row.id] != 1]
    if wrong or len(lines) != len(rows):
        result.problems.append(f"creation lines: {len(lines)} for {len(rows)} leads; wrong for {wrong[:5]}")
    announced = sum(int(m.split()[0]) if m[0].isdigit() else 1 for m in notices)
    if announced != len(rows):
        result.problems.append(f"notifications announce {announced} leads, {len(rows)} stored")


def _check_split(rows: Sequence[Any], shares: Sequence[Any], setup: Setup, result: Audit) -> None:
    """The rule's counters equal the leads it routed to each rep, and the split is within one lead."""
    routed = Counter(row.owner_id for row in rows if row.rule_id == setup.rule_id)
    unrouted = sum(1 for row in rows if row.rule_id != setup.rule_id)
    if unrouted:
        result.problems.append(f"{unrouted} leads not routed by the rule")
    result.counts = [routed[rep] for rep in setup.rep_ids]
    counters = [share.assigned for share in shares]
    if counters != result.counts:
        result.problems.append(f"counters {counters} but routed leads {result.counts}")
    result.split_error = float(split_error(setup.percents, result.counts))
    if result.split_error >= 1:
        result.problems.append(f"split {result.counts} off by {result.split_error:.2f} leads")
