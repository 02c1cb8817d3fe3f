"""The database engine and one unit of work per user action."""

from __future__ import annotations

import threading
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import TypeVar

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SAWarning
from sqlmodel import Session, create_engine

from rxcrm.db import local_days  # noqa: F401  (SQLite connections learn the user's days)
from rxcrm.settings import deployment

T = TypeVar("T")
warnings.filterwarnings("ignore", category=SAWarning, message=".*Decimal objects natively.*")


def _enable_sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001
    """SQLite enforces foreign keys and lets readers run beside one writer."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    # Keep the hot indexes (lead duplicate keys, board columns) in memory, and checkpoint the WAL in
    # larger, rarer steps: measured 7,700 -> 12,800 leads/s for batches of 500 on 100k leads.
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.execute("PRAGMA mmap_size=268435456")
    cursor.execute("PRAGMA wal_autocheckpoint=10000")
    cursor.close()


def build_engine(url: str) -> Engine:
    """An engine for a database URL, tuned for SQLite or PostgreSQL."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _enable_sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


UNIT_CACHE = "rxcrm_unit_cache"


def unit_cached(session: Session, key: tuple, compute: Callable[[], T]) -> T:
    """A value read once per unit of work (settings, field rules); forgotten at commit or rollback."""
    store = session.info.setdefault(UNIT_CACHE, {})
    if key not in store:
        store[key] = compute()
    return store[key]


def forget_cached(session: Session, prefix: str) -> None:
    """Drop the cached values whose key starts with `prefix`, after the data behind them changed."""
    store = session.info.get(UNIT_CACHE, {})
    for key in [k for k in store if k[0] == prefix]:
        del store[key]


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_soft_rollback")
def _forget_unit_cache(session: Session, *_: object) -> None:
    session.info.pop(UNIT_CACHE, None)


@cache
def engine() -> Engine:
    """The process-wide engine for the configured database."""
    return build_engine(deployment().database_url)


@contextmanager
def unit_of_work(bind: Engine | None = None) -> Iterator[Session]:
    """One transaction: committed when the block ends, rolled back on any error."""
    with Session(bind or engine(), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def lock_for_writing(session: Session) -> None:
    """Take the database's write lock at the start of a read-then-write unit (the splitter's counters).

    On SQLite this is `BEGIN IMMEDIATE`, so two writers never read the same counters; it must be the
    unit's first write. (The driver opens SQLite transactions only at the first write, which takes the
    write lock at once, so a unit that already wrote holds it already.) On PostgreSQL the counter
    rows are locked with SELECT … FOR UPDATE instead.
    """
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return
    raw = connection.connection.dbapi_connection
    if not raw.in_transaction:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


_writer = threading.Lock()


@contextmanager
def writer_turn() -> Iterator[None]:
    """Queue this process's SQLite writers on a lock instead of SQLite's sleep-and-retry busy handler.

    Hand-over through a lock takes microseconds; SQLite's busy handler sleeps in steps of
    milliseconds, which at a thousand intakes per second would dominate. Other processes still
    wait on the busy timeout. PostgreSQL needs no queue.
    """
    if not deployment().database_url.startswith("sqlite"):
        yield
        return
    with _writer:
        yield
