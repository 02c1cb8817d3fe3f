"""Units of work as a user: the transaction boundary the UI and the API open, commit and finish."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext

from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.db.session import unit_of_work, writer_turn
from rxcrm.services.people.auth import user_for_token
from rxcrm.services.people.field_visibility import VIEWER

UnitOpener = Callable[[], AbstractContextManager[Session]]


@contextmanager
def unit_as(
    token: str | None, *, writer: bool = False, opener: UnitOpener = unit_of_work
) -> Iterator[tuple[Session, User]]:
    """One transaction as the user behind a session token, committed on success.

    `writer`: the unit writes in bulk (imports, the splitter), so it queues for SQLite's write lock.
    """
    with writer_turn() if writer else nullcontext(), opener() as session:
        user = user_for_token(session, token)
        session.info[VIEWER] = user
        yield session, user


def finish_unit(session: Session, commit: bool) -> None:
    """Commit (or roll back) and close a session opened without `unit_of_work` (one per API request)."""
    try:
        if commit:
            session.commit()
        else:
            session.rollback()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
