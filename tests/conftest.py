"""Shared fixtures: a fresh database per test (SQLite, and PostgreSQL when configured) and factories."""

from __future__ import annotations

import os
from collections.abc import Iterator
from itertools import count
from pathlib import Path
from typing import Any, TypeVar

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, SQLModel, create_engine

import rxcrm.db.models  # noqa: F401  (registers every table)
from rxcrm.db.models import Account, Contact, Lead, Opportunity, Partner, User
from rxcrm.db.session import build_engine
from rxcrm.services.people.auth import hash_password
from rxcrm.services.people.login_throttle import LoginThrottle, MemoryStore, use_login_throttle
from rxcrm.services.settings.defaults import install_defaults
from rxcrm.services.system.subscribers import install_subscribers

POSTGRES_URL = os.environ.get("RXCRM_TEST_POSTGRES_URL")
BACKENDS = ["sqlite", "postgresql"] if POSTGRES_URL else ["sqlite"]
_serial = count(1)
_FAST_HASH = hash_password("secret-password")
Row = TypeVar("Row")


@pytest.fixture(scope="session", autouse=True)
def subscribers() -> None:
    """Every change-event subscriber registered, as at the start of any rxcrm process."""
    install_subscribers()


@pytest.fixture(autouse=True)
def fresh_login_throttle() -> Iterator[None]:
    """Every test starts with no failed logins counted (the counts live in the process)."""
    use_login_throttle(LoginThrottle(MemoryStore()))
    yield
    use_login_throttle(None)


@pytest.fixture(scope="session")
def postgres_engine() -> Iterator[Engine]:
    """One PostgreSQL engine for the run, in a schema of its own (so parallel runs never collide)."""
    schema = f"rxcrm_test_{os.getpid()}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = create_engine(POSTGRES_URL, connect_args={"options": f"-csearch_path={schema}"})
    SQLModel.metadata.create_all(engine)
    yield engine
    engine.dispose()
    with admin.connect() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(params=BACKENDS)
def engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    """An empty database with the default configuration installed."""
    if request.param == "sqlite":
        engine = create_engine("sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool)
        with engine.connect() as conn:
            conn.execute(text("PRAGMA foreign_keys=ON"))
        SQLModel.metadata.create_all(engine)
    else:
        engine = request.getfixturevalue("postgres_engine")
        tables = ", ".join(f'"{t.name}"' for t in SQLModel.metadata.sorted_tables)
        with engine.begin() as conn:
            conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    with Session(engine) as session:
        install_defaults(session)
        session.commit()
    yield engine


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session on the test database; tests commit when they mean a finished action."""
    with Session(engine, expire_on_commit=False) as session:
        yield session


def stored(session: Session, row: Row) -> Row:
    """The row added to the session and flushed (so it has its id)."""
    session.add(row)
    session.flush()
    return row


def make_user(session: Session, **kw: Any) -> User:
    """A user with password 'secret-password' (rep with full access unless told otherwise)."""
    n = next(_serial)
    values = {
        "email": f"user{n}@example.com",
        "name": f"User {n}",
        "role": "rep",
        "access_level": "full",
        "password_hash": _FAST_HASH,
        **kw,
    }
    return stored(session, User(**values))


def make_partner(session: Session, **kw: Any) -> Partner:
    """A partner organisation."""
    return stored(session, Partner(**{"name": f"Partner {next(_serial)}", **kw}))


def make_account(session: Session, **kw: Any) -> Account:
    """A company account."""
    return stored(session, Account(**{"name": f"Account {next(_serial)}", "type": "company", **kw}))


def make_contact(session: Session, **kw: Any) -> Contact:
    """A personal contact."""
    return stored(session, Contact(**{"last_name": f"Contact {next(_serial)}", **kw}))


def make_opportunity(session: Session, owner: User, **kw: Any) -> Opportunity:
    """An open opportunity in the first stage."""
    from rxcrm.services.pipeline.stages import list_stages

    stage = list_stages(session)[0]
    values = {
        "name": f"Deal {next(_serial)}",
        "owner_id": owner.id,
        "stage_id": stage.id,
        "probability": stage.probability,
        **kw,
    }
    return stored(session, Opportunity(**values))


def make_lead(session: Session, **kw: Any) -> Lead:
    """An open lead stored as is (no duplicate check, no routing, no history)."""
    return stored(session, Lead(**{"name": f"Lead {next(_serial)}", **kw}))


def make_active_quote(session: Session, deal: Opportunity, items: list[dict[str, Any]], **kw: Any) -> Any:
    """An active quote of a deal with its items stored as given (each item's `total` as stored)."""
    from rxcrm.db.models import Quote, QuoteItem

    quote = stored(
        session, Quote(**{"opportunity_id": deal.id, "name": f"Quote {next(_serial)}", "active": True, **kw})
    )
    for position, item in enumerate(items):
        session.add(QuoteItem(**{"quote_id": quote.id, "position": position, **item}))
    session.flush()
    return quote


def save_web_rule(session: Session, admin: User, assignees: list[dict[str, Any]]) -> dict[str, Any]:
    """A splitter rule 'Web' sharing the leads whose source equals 'web' among the assignees."""
    from rxcrm.services.leads.splitter import save_rule

    values = {"name": "Web", "field": "source", "operator": "equals", "value": "web", "assignees": assignees}
    return save_rule(session, admin, values)


@pytest.fixture
def admin(session: Session) -> User:
    """An administrator."""
    return make_user(session, role="admin", name="Ada Admin", email="admin@example.com")


@pytest.fixture
def rep(session: Session) -> User:
    """A sales rep with full CRM access."""
    return make_user(session, role="rep", name="Rita Rep", email="rita@example.com")


@pytest.fixture
def director(session: Session) -> User:
    """A sales director: may add, edit and delete partners and projects (the default matrix)."""
    return make_user(session, role="director", name="Dora Director")


def leads_announced(message: str) -> int:
    """How many leads a notification tells its owner about ("New lead …" or "12 new leads …")."""
    return int(message.split()[0]) if message[0].isdigit() else 1


@pytest.fixture(params=["sqlite-file", "postgresql"])
def shared_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A database many connections write to at once: a SQLite file (WAL) or PostgreSQL."""
    if request.param == "postgresql":
        if not POSTGRES_URL:
            pytest.skip("RXCRM_TEST_POSTGRES_URL not set")
        engine = request.getfixturevalue("postgres_engine")
        tables = ", ".join(f'"{t.name}"' for t in SQLModel.metadata.sorted_tables)
        with engine.begin() as conn:
            conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    else:
        engine = build_engine(f"sqlite:///{tmp_path / 'shared.db'}")
        SQLModel.metadata.create_all(engine)
    with Session(engine) as session:
        install_defaults(session)
        session.commit()
    yield engine
    if request.param != "postgresql":
        engine.dispose()
