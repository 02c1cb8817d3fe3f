"""Request dependencies: one unit of work per request and the acting user from the bearer token."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from anyio import CancelScope, CapacityLimiter, to_thread
from fastapi import Depends, Query, Request, Security
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.db.schemas.shapes import RecordId as RecordId  # a record id in a request body
from rxcrm.db.session import engine, unit_of_work
from rxcrm.domain.errors import NotFound
from rxcrm.domain.records.validation import MAX_ID
from rxcrm.services.people.auth import user_for_token
from rxcrm.services.people.field_visibility import VIEWER
from rxcrm.services.records.listing import DEFAULT_LIMIT, MAX_LIMIT, ListWindow
from rxcrm.services.units import UnitOpener, finish_unit


async def db_session() -> AsyncIterator[Session]:
    """One transaction per request: committed on success, rolled back on any error.

    Opening a Session does no I/O (the connection is taken at its first query, in the route's
    thread), so it is opened on the event loop; the commit (or rollback) and the close run in one
    worker thread: one thread hand-over per request fewer than a plain generator dependency.
    """
    session = Session(engine(), expire_on_commit=False)
    try:
        yield session
    except BaseException:
        await _finish_in_thread(session, False)
        raise
    await _finish_in_thread(session, True)


async def _finish_in_thread(session: Session, commit: bool) -> None:
    # shielded, and with a limiter of its own (as FastAPI exits a generator dependency): a cancelled
    # request still gives its connection back, and never waits for a thread while holding one
    with CancelScope(shield=True):
        await to_thread.run_sync(finish_unit, session, commit, limiter=CapacityLimiter(1))


async def open_unit() -> UnitOpener:
    """How a route that manages its own transaction (the lead intake) opens one unit of work."""
    return unit_of_work


# "function" scope: the transaction commits before the answer leaves, so a client's next call sees
# it, and a failing commit answers an error instead of a 2xx for something never stored.
DB = Annotated[Session, Depends(db_session, scope="function")]


# The OpenAPI document's security schemes. auto_error=False: a missing or malformed credential reaches
# our own checks, which answer 401 in the contract's error shape with their own messages.
BEARER = HTTPBearer(
    scheme_name="bearer", description="A token from POST /api/v1/auth/token.", auto_error=False
)
API_KEY = APIKeyHeader(
    name="X-API-Key", scheme_name="apiKey", description="An intake API key (Settings).", auto_error=False
)


async def bearer_token(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Security(BEARER)],
) -> str | None:
    """The token of an 'Authorization: Bearer …' header."""
    return (credentials.credentials.strip() or None) if credentials else None


def acting_user(session: DB, token: Annotated[str | None, Depends(bearer_token)]) -> User:
    """The logged-in user every call is made as (remembered on the session for field visibility)."""
    user = user_for_token(session, token)
    session.info[VIEWER] = user
    return user


Actor = Annotated[User, Depends(acting_user)]


def _out_of_range(value: str) -> bool:
    """Whether a path value is a whole number no stored id can be: negative, or beyond the largest one."""
    negative = value.startswith("-")
    number = value[1:] if negative else value
    if not (number.isascii() and number.isdecimal()):
        return False
    digits = number.lstrip("0")
    return negative or len(digits) > len(str(MAX_ID)) or int(digits or 0) > MAX_ID


async def path_ids_in_range(request: Request) -> None:
    """Every router's guard: an id in the path beyond what the database stores names no record (404)."""
    for name, value in request.path_params.items():
        if (name == "id" or name.endswith("_id")) and isinstance(value, str) and _out_of_range(value):
            raise NotFound(f"{name.removesuffix('_id') or 'record'} {value} not found")


# An optional record-id filter of a list: out of the id range is a validation error, never a crash.
IdFilter = Annotated[int | None, Query(ge=1, le=MAX_ID)]


class Window:
    """The page of a list a client asks for."""

    def __init__(
        self,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
        offset: Annotated[int, Query(ge=0, le=MAX_ID)] = 0,
        q: Annotated[str | None, Query(max_length=200)] = None,
        sort: Annotated[str | None, Query(max_length=50)] = None,
    ) -> None:
        self.limit, self.offset, self.q, self.sort = limit, offset, q, sort
        self.page = ListWindow(sort, limit, offset)  # what a list service takes


PageWindow = Annotated[Window, Depends()]
