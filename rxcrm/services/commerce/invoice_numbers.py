"""Gap-free invoice numbers: the year's counter row is locked, raised and read in the issuing unit.

The counter moves in the same transaction that inserts the invoice, so a failed issue rolls the
number back with it (no gap), and two users issuing at the same moment queue on the row (no
duplicate): SQLite takes its write lock (BEGIN IMMEDIATE) before the counter is touched;
PostgreSQL locks the counter row with the UPDATE and waits for the other transaction to end.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session

from rxcrm.db.models import InvoiceCounter
from rxcrm.db.session import lock_for_writing


def next_sequence(session: Session, year: int) -> int:
    """The year's next invoice sequence number, taken under the counter row's lock."""
    lock_for_writing(session)
    connection = session.connection()
    insert = sqlite_insert if connection.dialect.name == "sqlite" else postgresql_insert
    connection.execute(insert(InvoiceCounter).values(year=year, last=0).on_conflict_do_nothing())
    raised = (
        update(InvoiceCounter)
        .where(InvoiceCounter.year == year)
        .values(last=InvoiceCounter.last + 1)
        .returning(InvoiceCounter.last)
    )
    return int(connection.execute(raised).scalar_one())
