"""Spec §2.5/§2.6: many parallel intake requests — no lead lost, none assigned twice, the split exact.

Sixteen clients post at once through the real FastAPI app; the intake groups concurrent requests
into shared transactions (group commit), so this also checks that every request still gets its
own answer: a wrong key or a missing campaign fails that request only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from contextlib import AbstractContextManager

from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxcrm.api import build_api
from rxcrm.api.deps import open_unit
from rxcrm.db.models import Lead, Notification
from rxcrm.db.session import unit_of_work
from rxcrm.services.settings.api_keys import create_api_key
from tests.concurrency import assert_split_exact, run_at_once, split_between
from tests.conftest import leads_announced

CLIENTS = 16
REQUESTS = 12
PERCENTS = (40, 35, 25)


def test_sixteen_clients_at_once_lose_nothing_and_keep_the_split_exact(shared_engine: Engine) -> None:
    with Session(shared_engine, expire_on_commit=False) as session:
        admin, reps = split_between(session, PERCENTS)
        _, key = create_api_key(session, admin, "Load test")
        session.commit()

    app = build_api()

    def opener() -> AbstractContextManager[Session]:
        return unit_of_work(shared_engine)

    app.dependency_overrides[open_unit] = lambda: opener
    answers: list[tuple[int, int, dict]] = []

    def client(number: int, wait_for_start: Callable[[], object]) -> None:
        with TestClient(app) as http:
            wait_for_start()
            for request in range(REQUESTS):
                wrong = number == 0 and request % 4 == 0
                missing = number == 1 and request % 4 == 0
                lead = {"name": f"C{number} R{request}", "email": f"c{number}r{request}@load.test"}
                if missing:
                    lead["campaign_id"] = 999
                body = {"leads": [lead, {"name": f"C{number} R{request} b"}]} if request % 2 else lead
                headers = {"X-API-Key": "rxk_wrong" if wrong else key}
                answer = http.post("/api/v1/leads/intake", json=body, headers=headers)
                answers.append((number, answer.status_code, answer.json()))

    assert run_at_once(CLIENTS, client) == []

    refused = Counter(status for _, status, _ in answers if status != 201)
    assert refused == {401: REQUESTS // 4, 422: REQUESTS // 4}
    returned = [lead for _, status, body in answers if status == 201 for lead in body["leads"]]
    expected = sum(1 if r % 2 == 0 else 2 for r in range(REQUESTS)) * CLIENTS - 2 * (
        sum(1 if r % 2 == 0 else 2 for r in range(0, REQUESTS, 4))
    )
    assert len(returned) == expected
    assert len({lead["id"] for lead in returned}) == expected
    with Session(shared_engine) as session:
        stored = session.exec(select(Lead)).all()
        assert sorted(lead.id for lead in stored) == sorted(lead["id"] for lead in returned)
        assert {lead.id: lead.owner_id for lead in stored} == {r["id"]: r["owner_id"] for r in returned}
        assert_split_exact(Counter(lead.owner_id for lead in stored), reps, PERCENTS)
        notices = session.exec(select(Notification)).all()
        assert sum(leads_announced(n.message) for n in notices) == expected
