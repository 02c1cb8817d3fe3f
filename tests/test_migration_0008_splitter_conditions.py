"""Migration 0008: a splitter rule's one condition becomes a list of conditions, and back again."""

from __future__ import annotations

import json

from sqlalchemy import Engine, create_engine, text

from tests.migration_db import database, migrate, seeded  # noqa: F401  (the database fixture)


def _rules(engine: Engine, columns: str) -> list[tuple]:
    with engine.connect() as conn:
        return [tuple(row) for row in conn.execute(text(f"SELECT {columns} FROM splitterrule ORDER BY id"))]


def _conditions(raw: object) -> list:
    return json.loads(raw) if isinstance(raw, str) else raw


def test_upgrade_keeps_each_rules_condition_and_downgrade_keeps_the_first(database: str) -> None:  # noqa: F811
    seeded(
        database,
        "0007",
        "INSERT INTO splitterrule (id, name, field, operator, value, priority, position, active) "
        "VALUES (1, 'Web', 'source', 'equals', 'web', 0, 1, true), "
        "(2, 'Rest', '', 'any', '', 0, 2, true)",
        "INSERT INTO splittershare (rule_id, percent, position, assigned) VALUES (1, 100, 0, 7)",
    ).dispose()

    migrate(database, "0008")
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

    migrate(database, "0007", down=True)
    engine = create_engine(database)
    assert _rules(engine, "id, field, operator, value, active") == [
        (1, "source", "equals", "web", False),
        (2, "", "any", "", True),
    ]
    engine.dispose()
