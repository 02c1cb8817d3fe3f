"""POST /api/v1/leads/intake: API key, one lead or a batch, duplicates linked, routed; errors write none."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, func, select

from rxcrm.db.models import Change, Lead, Notification, User
from rxcrm.services.settings.api_keys import create_api_key, revoke_api_key
from rxcrm.services.settings.toggles import update_settings
from tests.conftest import make_partner, make_user, save_web_rule

URL = "/api/v1/leads/intake"


@pytest.fixture
def key(session: Session, admin: User) -> str:
    """A working intake key (clear text, as the integrator got it)."""
    _, clear = create_api_key(session, admin, "Website form")
    session.commit()
    return clear


def lead_count(session: Session) -> int:
    session.expire_all()
    return session.exec(select(func.count()).select_from(Lead)).one()


def test_one_lead_is_stored_and_answered_with_its_assignment(
    client: TestClient, session: Session, key: str
) -> None:
    answer = client.post(
        URL, json={"name": "Anna Berg", "email": "anna@acme.test"}, headers={"X-API-Key": key}
    )
    assert answer.status_code == 201
    (lead,) = answer.json()["leads"]
    assert set(lead) == {"id", "owner_id", "partner_id", "duplicate_of_id", "rule_id"}
    assert lead["owner_id"] is None and lead["rule_id"] is None
    stored = session.get(Lead, lead["id"])
    assert stored.email == "anna@acme.test" and stored.routing == "unprocessed"
    history = session.exec(
        select(Change).where(Change.entity == "lead", Change.entity_id == lead["id"])
    ).all()
    assert any("Website form" in (c.new or "") for c in history)


def test_a_batch_is_routed_by_the_splitter_in_the_configured_proportions(
    client: TestClient, session: Session, admin: User, key: str
) -> None:
    reps = [make_user(session) for _ in range(3)]
    partner = make_partner(session)
    rule = save_web_rule(
        session,
        admin,
        [
            {"user_id": reps[0].id, "percent": 50},
            {"user_id": reps[1].id, "percent": 30},
            {"user_id": reps[2].id, "percent": 10},
            {"partner_id": partner.id, "percent": 10},
        ],
    )
    session.commit()
    leads = [{"name": f"Lead {i}", "email": f"l{i}@x.test", "source": "Web"} for i in range(100)]
    leads.append({"name": "Other", "source": "fair"})
    answer = client.post(URL, json={"leads": leads}, headers={"X-API-Key": key})
    assert answer.status_code == 201
    rows = answer.json()["leads"]
    assert len(rows) == 101
    owners = [r["owner_id"] for r in rows[:100]]
    assert [owners.count(r.id) for r in reps] == [50, 30, 10]
    assert sum(1 for r in rows[:100] if r["partner_id"] == partner.id) == 10
    assert {r["rule_id"] for r in rows[:100]} == {rule["id"]}
    assert rows[100]["rule_id"] is None and rows[100]["owner_id"] is None
    session.expire_all()
    assert session.get(Lead, rows[100]["id"]).routing == "unprocessed"
    assert session.get(Lead, rows[0]["id"]).routing == "routed"
    notified = session.exec(select(Notification).where(Notification.user_id == reps[0].id)).all()
    assert [n.message for n in notified] == ["50 new leads assigned to you"]


def test_duplicates_are_created_and_linked_never_dropped(
    client: TestClient, session: Session, key: str
) -> None:
    first = client.post(
        URL, json={"name": "Anna Berg", "email": "Anna@Acme.test"}, headers={"X-API-Key": key}
    )
    original = first.json()["leads"][0]["id"]
    batch = [
        {"name": "A. Berg", "email": "anna@acme.TEST "},
        {"name": "Bob", "phone": "+49 30 1234567"},
        {"name": "Bobby", "phone": "0049-30-1234567"},
        {"name": "Müller, Anna", "company": "ACME GmbH"},
        {"name": "anna muller", "company": "Acme"},
    ]
    answer = client.post(URL, json={"leads": batch}, headers={"X-API-Key": key}).json()["leads"]
    assert answer[0]["duplicate_of_id"] == original
    assert answer[1]["duplicate_of_id"] is None
    assert answer[2]["duplicate_of_id"] == answer[1]["id"]
    assert answer[4]["duplicate_of_id"] == answer[3]["id"]
    assert lead_count(session) == 6


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"company": "Acme"}, "name"),
        ({"name": "Anna", "email": "not-an-address"}, "email"),
        ({"name": 42}, "name"),
        ({"name": "Anna", "priority": "urgent"}, "priority"),
        ({"name": "Anna", "campaign_id": 999}, "campaign_id"),
        ({"name": "Anna", "owner_id": 1}, "owner_id"),
        ({"leads": [{"name": "ok"}, {"email": "bad"}]}, "leads.1.email"),
        ({"leads": []}, "leads"),
        ({"leads": "x"}, "leads"),
    ],
)
def test_bad_leads_answer_422_and_write_nothing(
    client: TestClient, session: Session, key: str, body: dict, field: str
) -> None:
    answer = client.post(URL, json=body, headers={"X-API-Key": key})
    assert answer.status_code == 422
    assert answer.json()["error"]["code"] == "validation_error"
    assert field in answer.json()["error"]["fields"]
    assert lead_count(session) == 0


def test_an_oversized_batch_is_refused(client: TestClient, session: Session, key: str) -> None:
    answer = client.post(
        URL, json={"leads": [{"name": f"L{i}"} for i in range(1001)]}, headers={"X-API-Key": key}
    )
    assert answer.status_code == 422
    assert "1000" in answer.json()["error"]["fields"]["leads"]
    assert lead_count(session) == 0


def test_malformed_json_answers_400(client: TestClient, session: Session, key: str) -> None:
    answer = client.post(
        URL, content=b'{"name": "Anna",', headers={"X-API-Key": key, "Content-Type": "application/json"}
    )
    assert answer.status_code == 400
    assert answer.json()["error"]["fields"] == {"body": "is not valid JSON"}
    assert lead_count(session) == 0


def test_wrong_missing_or_revoked_key_answers_401(
    client: TestClient, session: Session, admin: User, key: str
) -> None:
    lead = {"name": "Anna"}
    assert client.post(URL, json=lead).status_code == 401
    assert client.post(URL, json=lead, headers={"X-API-Key": "rxk_wrong"}).status_code == 401
    stored, clear = create_api_key(session, admin, "Old tool")
    revoke_api_key(session, admin, stored.id)
    session.commit()
    answer = client.post(URL, json=lead, headers={"X-API-Key": clear})
    assert answer.status_code == 401 and answer.json()["error"]["code"] == "unauthorized"
    assert lead_count(session) == 0


def test_rate_limit_answers_429_with_retry_after(
    client: TestClient, session: Session, admin: User, key: str
) -> None:
    update_settings(session, admin, {"intake_rate_limit_per_minute": 2})
    session.commit()
    codes = [
        client.post(URL, json={"name": f"L{i}"}, headers={"X-API-Key": key}).status_code for i in range(2)
    ]
    limited = client.post(URL, json={"name": "third"}, headers={"X-API-Key": key})
    assert codes == [201, 201]
    assert limited.status_code == 429
    assert 1 <= int(limited.headers["Retry-After"]) <= 60
    assert limited.json()["error"]["code"] == "rate_limited"
    assert lead_count(session) == 2
