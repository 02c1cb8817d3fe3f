"""Bulk writes at driver speed for the hot paths (lead intake, CSV import): ids, inserts, updates.

SQLAlchemy's executemany spends most of its time building parameters row by row; here each
column's bind processor (UTC timestamps, JSON, …) is looked up once and the rows go to the
driver's executemany as plain tuples. Ids are reserved up front so no RETURNING is needed:
on SQLite from max(id) while the unit holds the write lock, on PostgreSQL from the sequence.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Table, text
from sqlmodel import Session

_MARKERS = {"qmark": "?", "format": "%s", "pyformat": "%s"}


def reserve_ids(session: Session, table: Table, count: int) -> list[int]:
    """`count` fresh primary keys for `table` (SQLite: the caller must hold the write lock)."""
    if count == 0:
        return []
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        start = (connection.exec_driver_sql(f'SELECT max(id) FROM "{table.name}"').scalar() or 0) + 1
        return list(range(start, start + count))
    sequence = f"{table.name}_id_seq"
    rows = connection.execute(
        text("SELECT nextval(CAST(:seq AS regclass)) FROM generate_series(1, :n)"),
        {"seq": sequence, "n": count},
    )
    return [row[0] for row in rows]


def _processors(session: Session, table: Table, columns: Sequence[str]) -> list[Callable[[Any], Any] | None]:
    dialect = session.connection().dialect
    return [table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in columns]


def _marker(session: Session) -> str:
    return _MARKERS[session.connection().dialect.paramstyle]


def _tuples(rows: Sequence[dict[str, Any]], columns: Sequence[str], processors: list) -> list[tuple]:
    """Rows as driver tuples; a value repeated across rows (the batch's timestamp) is converted once."""
    getter = itemgetter(*columns) if len(columns) > 1 else (lambda row: (row[columns[0]],))
    converted = [(i, p, {}) for i, p in enumerate(processors) if p is not None]
    if not converted:
        return [getter(row) for row in rows]
    out = []
    for row in rows:
        values = list(getter(row))
        for i, process, memo in converted:
            value = values[i]
            if value is None:
                continue
            # hashable values by value; an empty dict/list (the intake's `custom: {}`) by its type
            key = value if isinstance(value, Hashable) else (None if value else type(value))
            if key is None:
                values[i] = process(value)
                continue
            if key not in memo:
                memo[key] = process(value)
            values[i] = memo[key]
        out.append(tuple(values))
    return out


def insert_rows(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """INSERT every row (all with the same keys) in one driver executemany."""
    if not rows:
        return
    columns = list(rows[0])
    marker = _marker(session)
    sql = f'INSERT INTO "{table.name}" ({", ".join(columns)}) VALUES ({", ".join([marker] * len(columns))})'
    session.connection().exec_driver_sql(sql, _tuples(rows, columns, _processors(session, table, columns)))


def update_rows(session: Session, table: Table, rows: Sequence[dict[str, Any]], key: str = "id") -> None:
    """UPDATE each row's other columns WHERE `key` matches, in one driver executemany."""
    if not rows:
        return
    columns = [c for c in rows[0] if c != key]
    marker = _marker(session)
    assignments = ", ".join(f"{c} = {marker}" for c in columns)
    sql = f'UPDATE "{table.name}" SET {assignments} WHERE {key} = {marker}'
    ordered = [*columns, key]
    session.connection().exec_driver_sql(sql, _tuples(rows, ordered, _processors(session, table, ordered)))
