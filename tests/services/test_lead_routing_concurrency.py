"""Spec §2.6: under many concurrent intakes no lead is lost, none assigned twice, the split stays exact."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from rxcrm.db.models import Lead, Notification, SplitterShare, User
from rxcrm.db.session import unit_of_work
from rxcrm.services.leads.intake import add_leads
from tests.concurrency import assert_split_exact, run_at_once, split_between
from tests.conftest import leads_announced

THREADS = 12
REQUESTS = 20
PERCENTS = (50, 30, 15, 5)


def test_parallel_intakes_lose_nothing_and_keep_the_split_exact(shared_engine: Engine) -> None:
    with Session(shared_engine, expire_on_commit=False) as session:
        _, reps = split_between(session, PERCENTS)
        session.commit()

    def client(number: int, wait_for_start: Callable[[], object]) -> None:
        wait_for_start()
        for request in range(REQUESTS):
            size = 1 + (number + request) % 3
            leads = [{"name": f"T{number} R{request} L{i}"} for i in range(size)]
            with unit_of_work(shared_engine) as session:
                add_leads(session, leads, None, "concurrency test")

    assert run_at_once(THREADS, client) == []

    sent = sum(1 + (n + r) % 3 for n in range(THREADS) for r in range(REQUESTS))
    with Session(shared_engine) as session:
        leads = session.exec(select(Lead)).all()
        assert len(leads) == sent
        assert all(lead.owner_id is not None and lead.routing == "routed" for lead in leads)
        per_owner = Counter(lead.owner_id for lead in leads)
        assert_split_exact(per_owner, reps, PERCENTS)
        counters = {s.user_id: s.assigned for s in session.exec(select(SplitterShare)).all()}
        assert counters == {rep.id: per_owner[rep.id] for rep in reps}
        notices = session.exec(select(Notification)).all()
        assert sum(leads_announced(n.message) for n in notices) == sent
        assert session.exec(select(func.count()).select_from(User)).one() == len(PERCENTS) + 1
