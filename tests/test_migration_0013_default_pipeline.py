"""Migration 0013: pipelines get a default flag, set on the first pipeline in order, and lose it again."""

from __future__ import annotations

from sqlalchemy import inspect, text

from tests.migration_db import database, migrate, seeded  # noqa: F401  (the database fixture)


def test_the_first_pipeline_in_order_becomes_the_default_and_the_flag_goes_on_downgrade(
    database: str,  # noqa: F811
) -> None:
    engine = seeded(
        database,
        "0012",
        "INSERT INTO pipeline (name, position) VALUES ('Renewals', 1)",
        "INSERT INTO pipeline (name, position) VALUES ('New business', 0)",
    )
    migrate(database, "0013")
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT name, is_default FROM pipeline ORDER BY name")).all()
    assert [(name, bool(flag)) for name, flag in rows] == [("New business", True), ("Renewals", False)]
    migrate(database, "0012", down=True)
    assert "is_default" not in {c["name"] for c in inspect(engine).get_columns("pipeline")}
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM pipeline")).scalar() == 2
    engine.dispose()
