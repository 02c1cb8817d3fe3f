"""Migration 0008: a splitter rule's one condition becomes a list of conditions, and back again."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.config import Config
from sqlalchemy import Engine, create_engine, text

from alembic import command
from tests.conftest import POSTGRES_URL

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database URL: a SQLite file, or a PostgreSQL schema of this test's own."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrate.db'}"
        return
    if not POSTGRES_URL:
        pytest.skip("RXCRM_TEST_POSTGRES_URL not set")
    schema = f"rxcrm_migrate_{os.getpid()}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE; CREATE SCHEMA "{schema}"'))
    yield f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    with admin.connect() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    admin.dispose()


def _migrate(url: str, revision: str, down: bool = False) -> None:
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "alembic"))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    (command.downgrade if down else command.upgrade)(config, revision)


def _rules(engine: Engine, columns: str) -> list[tuple]:
    with engine.connect() as conn:
        return [tuple(row) for row in conn.execute(text(f"SELECT {columns} FROM splitterrule ORDER BY id"))]


def _conditions(raw: object) -> list:
    return json.loads(raw) if isinstance(raw, str) else raw


def test_upgrade_keeps_each_rules_condition_and_downgrade_keeps_the_first(database: str) -> None:
    _migrate(database, "0007")
    engine = create_engine(database)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO splitterrule (id, name, field, operator, value, priority, position, active) "
                "VALUES (1, 'Web', 'source', 'equals', 'web', 0, 1, true), "
                "(2, 'Rest', '', 'any', '', 0, 2, true)"
            )
        )
        conn.execute(
            text("INSERT INTO splittershare (rule_id, percent, position, assigned) VALUES (1, 100, 0, 7)")
        )
    engine.dispose()

    _migrate(database, "0008")
    engine = create_engine(database)
    rules = [(i, _conditions(c)) for i, c in _rules(engine, "id, conditions")]
    assert rules == [(1, [{"field": "source", "operator": "equals", "value": "web"}]), (2, [])]
    with engine.begin() as conn:
        assert conn.execute(text("SELECT assigned FROM splittershare")).scalar_one() == 7
        two = [
            {"field": "source", "operator": "equals", "value": "web"},
            {"field": "country", "operator": "in", "value": "DE, AT"},
        ]
        conn.execute(text("UPDATE splitterrule SET conditions = :c WHERE id = 1"), {"c": json.dumps(two)})
    engine.dispose()

    _migrate(database, "0007", down=True)
    engine = create_engine(database)
    assert _rules(engine, "id, field, operator, value, active") == [
        (1, "source", "equals", "web", False),
        (2, "", "any", "", True),
    ]
    engine.dispose()
