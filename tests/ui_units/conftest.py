"""Fixtures of the UI unit tests: page states run their units of work on the test database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.engine import Engine

import rxcrm.db.session as db_session


@pytest.fixture
def app_database(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    """The UI's units of work run on the test database."""
    monkeypatch.setattr(db_session, "engine", lambda: engine)
    yield engine
