"""Migration 0009: users get a time zone column (empty = not known yet), and lose it again on downgrade."""

from __future__ import annotations

from sqlalchemy import inspect, text

from tests.migration_db import database, migrate, seeded  # noqa: F401  (the database fixture)


def test_the_time_zone_column_is_added_empty_and_removed_keeping_the_users(database: str) -> None:  # noqa: F811
    engine = seeded(
        database,
        "0008",
        'INSERT INTO "user" (email, name, password_hash, role, access_level, active, created_at) '
        "VALUES ('tz@x.io', 'Tz', 'x', 'rep', 'full', true, '2026-01-01 00:00:00')",
    )
    migrate(database, "0009")
    with engine.connect() as conn:
        assert conn.execute(text('SELECT email, time_zone FROM "user"')).all() == [("tz@x.io", None)]
    migrate(database, "0008", down=True)
    assert "time_zone" not in {c["name"] for c in inspect(engine).get_columns("user")}
    with engine.connect() as conn:
        assert conn.execute(text('SELECT email FROM "user"')).all() == [("tz@x.io",)]
    engine.dispose()
