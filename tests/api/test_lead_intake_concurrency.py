"""Spec §2.5/§2.6: many parallel intake requests — no lead lost, none assigned twice, the split exact.

Sixteen clients post at once through the real FastAPI app; the intake groups concurrent requests
into shared transactions (group commit), so this also checks that every request still gets its
own answer: a wrong key or a missing campaign fails that request only.
"""

from __future__ import annotations

import threading
from collections import Counter
from contextlib import AbstractContextManager
from fractions import Fraction

from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxcrm.api import build_api
from rxcrm.api.deps import open_unit
from rxcrm.db.models import Lead, Notification
from rxcrm.db.session import unit_of_work
from rxcrm.services.api_keys import create_api_key
from rxcrm.services.splitter import save_rule
from tests.conftest import leads_announced, make_user

CLIENTS = 16
REQUESTS = 12
PERCENTS = (40, 35, 25)


def test_sixteen_clients_at_once_lose_nothing_and_keep_the_split_exact(shared_engine: Engine) -> None:
    with Session(shared_engine, expire_on_commit=False) as session:
        admin = make_user(session, role="admin")
        reps = [make_user(session) for _ in PERCENTS]
        assignees = [{"user_id": r.id, "percent": p} for r, p in zip(reps, PERCENTS, strict=True)]
        save_rule(session, admin, {"name": "All", "operator": "any", "assignees": assignees})
        _, key = create_api_key(session, admin, "Load test")
        session.commit()

    app = build_api()

    def opener() -> AbstractContextManager[Session]:
        return unit_of_work(shared_engine)

    app.dependency_overrides[open_unit] = lambda: opener
    answers: list[tuple[int, int, dict]] = []
    problems: list[BaseException] = []
    start = threading.Barrier(CLIENTS)

    def client(number: int) -> None:
        try:
            with TestClient(app) as http:
                start.wait()
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
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            problems.append(exc)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert problems == []

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
        per_owner = Counter(lead.owner_id for lead in stored)
        for rep, percent in zip(reps, PERCENTS, strict=True):
            assert abs(per_owner[rep.id] - Fraction(percent * expected, 100)) < 1
        notices = session.exec(select(Notification)).all()
        assert sum(leads_announced(n.message) for n in notices) == expected
