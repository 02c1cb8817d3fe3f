"""Changes are events: recorded in the history table, then handed to subscribers.

In-transaction subscribers (followers, notifications, workflow rules) run inside the same unit of
work; after-commit subscribers (live refresh of open boards and dashboards) run once it commits.
Subscribers are registered in one place, `rxcrm.services.system.subscribers.install_subscribers()`, never by
importing a module; registering the same handler twice is a no-op.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import event
from sqlmodel import Session

from rxcrm.db.bulk import insert_rows
from rxcrm.db.models import Change
from rxcrm.db.types import utcnow
from rxcrm.domain.records.history import FieldChange


@dataclass(frozen=True)
class ChangeEvent:
    """A record was created, updated or deleted by a user."""

    entity: str
    entity_id: int
    action: str
    changes: tuple[FieldChange, ...]
    by_id: int | None
    at: datetime = field(default_factory=utcnow)


InTransaction = Callable[[Session, ChangeEvent], None]
AfterCommit = Callable[[ChangeEvent], None]
AfterTouch = Callable[[dict[str, frozenset]], None]
_in_transaction: list[InTransaction] = []
_after_commit: list[AfterCommit] = []
_after_touch: list[AfterTouch] = []
PENDING = "rxcrm_pending_events"
TOUCHED = "rxcrm_touched_topics"


_installed: dict[str, bool] = {"services": False}


def _add(registry: list, handler: Callable) -> None:
    if handler not in registry:
        registry.append(handler)


def on_change(handler: InTransaction) -> InTransaction:
    """Register a handler run inside the transaction that made the change (once)."""
    _add(_in_transaction, handler)
    return handler


def after_commit(handler: AfterCommit) -> AfterCommit:
    """Register a handler run once the change is committed (once)."""
    _add(_after_commit, handler)
    return handler


def after_touch(handler: AfterTouch) -> AfterTouch:
    """Register a handler told once per committed transaction which topics (and keys) it touched (once)."""
    _add(_after_touch, handler)
    return handler


def mark_installed() -> None:
    """Note that the services' subscribers are registered."""
    _installed["services"] = True


def registered() -> dict[str, list[str]]:
    """The registered subscribers by kind, as `module.function` names in the order they run."""

    def names(handlers: list[Callable]) -> list[str]:
        return [f"{h.__module__}.{h.__qualname__}" for h in handlers]

    return {
        "on_change": names(_in_transaction),
        "after_commit": names(_after_commit),
        "after_touch": names(_after_touch),
    }


def _ensure_installed() -> None:
    if not _installed["services"]:
        from rxcrm.services.system.subscribers import install_subscribers  # entry points that forgot to

        install_subscribers()


def touch(session: Session, topic: str, *keys: object) -> None:
    """Note that this transaction changed something open screens of `topic` show (e.g. board columns)."""
    session.info.setdefault(TOUCHED, {}).setdefault(topic, set()).update(keys)


def publish(session: Session, change: ChangeEvent) -> None:
    """Write the change into history and hand it to every subscriber."""
    _ensure_installed()
    insert_rows(  # one statement, no ORM objects: every create and edit of every record comes here
        session,
        Change.__table__,
        [
            {
                "entity": change.entity,
                "entity_id": change.entity_id,
                "action": change.action,
                "field": item.field,
                "old": item.old,
                "new": item.new,
                "by_id": change.by_id,
                "at": change.at,
            }
            for item in change.changes
        ],
    )
    for handler in _in_transaction:
        handler(session, change)
    session.info.setdefault(PENDING, []).append(change)


@event.listens_for(Session, "after_commit")
def _dispatch_after_commit(session: Session) -> None:
    for change in session.info.pop(PENDING, []):
        for handler in _after_commit:
            handler(change)
    touched = session.info.pop(TOUCHED, None)
    if touched:
        frozen = {topic: frozenset(keys) for topic, keys in touched.items()}
        for handler in _after_touch:
            handler(frozen)


@event.listens_for(Session, "after_rollback")
def _drop_after_rollback(session: Session) -> None:
    session.info.pop(PENDING, None)
    session.info.pop(TOUCHED, None)
