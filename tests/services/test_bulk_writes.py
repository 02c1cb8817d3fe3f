"""The bulk writer of the hot paths stores exactly what one ORM insert per row would store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import Session, select

from rxcrm.db.bulk import ROWS_PER_STATEMENT, _tuples, insert_rows
from rxcrm.db.models import Change, Lead
from rxcrm.services.leads.duplicates import link_duplicates
from rxcrm.services.leads.intake import lead_rows

from ..conftest import make_user


def test_converted_values_equal_the_column_processors_row_by_row() -> None:
    now = datetime(2026, 12, 5, 10, 0, tzinfo=UTC)
    seen: list[object] = []

    def process(value: object) -> str:
        seen.append(value)
        return repr(value)

    shared: dict = {}
    rows = [
        {"a": now, "b": {}, "c": [1]},
        {"a": now, "b": shared, "c": None},
        {"a": now + timedelta(seconds=1), "b": {"k": 1}, "c": [1]},
        {"a": now, "b": {"k": True}, "c": []},
        {"a": None, "b": shared, "c": {1, 2}},
    ]
    tuples = _tuples(rows, ["a", "b", "c"], [process, process, process])
    assert tuples == [tuple(None if v is None else repr(v) for v in row.values()) for row in rows]
    # each distinct hashable value and each empty container kind is converted once
    assert seen.count(now) == 1 and seen.count({}) == 1


def test_many_rows_are_stored_in_statements_of_many_rows_with_every_value(session: Session) -> None:
    user = make_user(session)
    count = 2 * ROWS_PER_STATEMENT + 7  # full statements and a shorter last one
    at = datetime(2026, 12, 5, 10, 0, tzinfo=UTC)
    rows = [
        {
            "entity": "lead",
            "entity_id": i,
            "action": "create",
            "field": "created",
            "old": None,
            "new": f"Lead {i}" if i % 3 else None,
            "by_id": user.id if i % 2 else None,
            "at": at,
        }
        for i in range(count)
    ]
    insert_rows(session, Change.__table__, rows, omit_null_columns=True)
    stored = session.exec(select(Change).order_by(Change.entity_id)).all()
    assert [(c.entity_id, c.old, c.new, c.by_id, c.at) for c in stored] == [
        (r["entity_id"], None, r["new"], r["by_id"], at) for r in rows
    ]


def test_leaving_out_columns_empty_in_every_row_stores_null(session: Session) -> None:
    rows = lead_rows([{"name": "Ann Example", "email": "ann@example.com"}, {"name": "Bob"}], None)
    for lead_id, row in enumerate(rows, start=1):
        row["id"] = lead_id
    link_duplicates(session, rows)
    insert_rows(session, Lead.__table__, rows, omit_null_columns=True)
    ann, bob = session.exec(select(Lead).order_by(Lead.id)).all()
    assert (ann.email, ann.phone, ann.owner_id, ann.custom, ann.priority) == (
        "ann@example.com",
        None,
        None,
        {},
        "normal",
    )
    assert (bob.email, bob.email_key, bob.name_key, bob.archived) == (None, None, None, False)


def test_duplicates_are_linked_across_statements_of_the_lookup(session: Session) -> None:
    """More key values than one lookup statement takes: the oldest stored lead still wins."""
    stored = lead_rows(
        [{"name": f"P {i}", "company": "Acme", "email": f"p{i}@x.test"} for i in range(400)], None
    )
    for lead_id, row in enumerate(stored, start=1):
        row["id"] = lead_id
    link_duplicates(session, stored)
    insert_rows(session, Lead.__table__, stored)
    arriving = lead_rows(
        [
            {"name": f"Q {i}", "phone": f"+49 30 {5_000_000 + i}", "email": f"p{i}@x.test" if i % 2 else None}
            for i in range(800)
        ]
        + [{"name": "Q 4", "phone": "+49 30 5000004"}],
        None,
    )
    for lead_id, row in enumerate(arriving, start=1000):
        row["id"] = lead_id
    link_duplicates(session, arriving)  # 1,200 key values: two statements
    expected = [(i + 1 if i % 2 and i < 400 else None) for i in range(800)] + [1004]
    assert [row["duplicate_of_id"] for row in arriving] == expected
