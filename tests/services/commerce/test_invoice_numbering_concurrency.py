"""Invoices issued at the same moment by many users get gap-free, unique numbers (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxcrm.db.models import Invoice, InvoiceCounter
from rxcrm.db.session import unit_of_work
from rxcrm.services.commerce.invoices import issue_invoice
from tests.concurrency import run_at_once
from tests.conftest import make_user
from tests.services.commerce.sold_deals import sold_deal

THREADS = 8
ISSUES = 6


class Abandoned(Exception):
    """A unit that fails after its invoice number was taken."""


def test_parallel_issues_number_without_gap_or_duplicate(shared_engine: Engine) -> None:
    with Session(shared_engine, expire_on_commit=False) as session:
        users = [make_user(session, role="admin") for _ in range(THREADS)]
        deal = sold_deal(session, users[0])
        session.commit()

    def client(number: int, wait_for_start: Callable[[], object]) -> None:
        wait_for_start()
        for attempt in range(ISSUES):
            try:
                with unit_of_work(shared_engine) as session:
                    issue_invoice(session, users[number], {"opportunity_id": deal.id})
                    if (number + attempt) % 4 == 0:
                        raise Abandoned
            except Abandoned:
                pass

    assert run_at_once(THREADS, client) == []
    kept = sum(1 for n in range(THREADS) for a in range(ISSUES) if (n + a) % 4 != 0)
    with Session(shared_engine) as session:
        invoices = session.exec(select(Invoice)).all()
        [counter] = session.exec(select(InvoiceCounter)).all()
    year = invoices[0].year
    assert sorted(i.sequence for i in invoices) == list(range(1, kept + 1))
    assert sorted(i.number for i in invoices) == [f"{year}-{n:04d}" for n in range(1, kept + 1)]
    assert (counter.year, counter.last) == (year, kept)
