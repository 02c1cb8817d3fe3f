"""API tests call the ASGI app through httpx, on the per-test database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxcrm.api import build_api
from rxcrm.api.deps import db_session, open_unit
from rxcrm.db.models import User
from rxcrm.db.session import unit_of_work
from rxcrm.services.people.auth import log_in
from tests.api.intake_kill import free_port

HeadersFor = Callable[[User], dict[str, str]]


def sessions_on(engine: Engine) -> Callable[[], Iterator[Session]]:
    """A `db_session` dependency on the engine: each request one unit of work."""

    def test_session() -> Iterator[Session]:
        with unit_of_work(engine) as session:
            yield session

    return test_session


def use_engine(app: FastAPI, engine: Engine) -> None:
    """Run the app's request sessions and the units it opens itself on the engine."""
    app.dependency_overrides[db_session] = sessions_on(engine)

    def opener() -> AbstractContextManager[Session]:
        return unit_of_work(engine)

    app.dependency_overrides[open_unit] = lambda: opener


@pytest.fixture
def client(engine: Engine) -> Iterator[TestClient]:
    """An HTTP client for /api/v1 whose requests each run one transaction on the test database."""
    app = build_api()
    use_engine(app, engine)
    with TestClient(app, raise_server_exceptions=True) as test_client:
        yield test_client


@pytest.fixture
def auth_headers(engine: Engine) -> Callable[[User], dict[str, str]]:
    """Bearer headers for a user (password 'secret-password', as the factories set it)."""

    def headers_for(user: User) -> dict[str, str]:
        with Session(engine) as session:
            token, _ = log_in(session, user.email, "secret-password")
            session.commit()
        return {"Authorization": f"Bearer {token}"}

    return headers_for


@pytest.fixture
def rep_headers(session: Session, rep: User, auth_headers: HeadersFor) -> dict[str, str]:
    """Bearer headers of the sales rep, after the test's setup is committed."""
    session.commit()
    return auth_headers(rep)


@pytest.fixture
def admin_headers(session: Session, admin: User, auth_headers: HeadersFor) -> dict[str, str]:
    """Bearer headers of the admin, after the test's setup is committed."""
    session.commit()
    return auth_headers(admin)


@pytest.fixture
def unused_port() -> int:
    """A TCP port nobody listens on."""
    return free_port()
