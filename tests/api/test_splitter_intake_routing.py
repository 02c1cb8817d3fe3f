"""Intake routes by rules with several conditions: the first rule whose every condition a lead meets."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.services.settings.api_keys import create_api_key
from tests.api.conftest import HeadersFor
from tests.conftest import make_user

INTAKE = "/api/v1/leads/intake"
RULES = "/api/v1/splitter-rules"


def _rule(name: str, priority: int, condition: dict, user: User) -> dict:
    return {
        "name": name,
        "priority": priority,
        "condition": condition,
        "assignees": [{"user_id": user.id, "percent": 100}],
    }


def test_intake_routes_by_every_condition_of_a_multi_field_rule(
    client: TestClient, session: Session, admin: User, auth_headers: HeadersFor
) -> None:
    dach, web, rest = make_user(session), make_user(session), make_user(session)
    _, key = create_api_key(session, admin, "Web form")
    session.commit()
    rules = [
        _rule("Web DACH", 10, {"source": "web", "country": ["DE", "AT"], "custom.tier": "gold"}, dach),
        _rule("Web", 5, {"source": "web"}, web),
        _rule("Rest", 0, {}, rest),
    ]
    ids = [client.post(RULES, json=r, headers=auth_headers(admin)).json()["id"] for r in rules]
    leads = [
        {"name": "A", "source": "Web", "country": "at", "custom": {"tier": "Gold"}},
        {"name": "B", "source": "web", "country": "FR", "custom": {"tier": "gold"}},
        {"name": "C", "source": "web", "country": "DE"},
        {"name": "D", "source": "fair", "country": "DE", "custom": {"tier": "gold"}},
    ]
    answer = client.post(INTAKE, json={"leads": leads}, headers={"X-API-Key": key})
    assert answer.status_code == 201, answer.text
    routed = [(r["rule_id"], r["owner_id"]) for r in answer.json()["leads"]]
    assert routed == [(ids[0], dach.id), (ids[1], web.id), (ids[1], web.id), (ids[2], rest.id)]


def test_a_changed_rule_routes_the_very_next_intake(
    client: TestClient, session: Session, admin: User, auth_headers: HeadersFor
) -> None:
    """Parsed conditions are remembered between requests, but an edit takes effect at once (same rule id)."""
    web, rest = make_user(session), make_user(session)
    _, key = create_api_key(session, admin, "Web form")
    session.commit()
    first = client.post(RULES, json=_rule("Web", 5, {"source": "web"}, web), headers=auth_headers(admin))
    client.post(RULES, json=_rule("Rest", 0, {}, rest), headers=auth_headers(admin))
    rule_id = first.json()["id"]

    def owner(source: str) -> int:
        answer = client.post(INTAKE, json={"name": "A", "source": source}, headers={"X-API-Key": key})
        assert answer.status_code == 201, answer.text
        return answer.json()["leads"][0]["owner_id"]

    assert (owner("web"), owner("fair")) == (web.id, rest.id)
    changed = {"condition": {"source": ["fair", "ads"]}}
    assert client.patch(f"{RULES}/{rule_id}", json=changed, headers=auth_headers(admin)).status_code == 200
    assert (owner("web"), owner("fair"), owner("ads")) == (rest.id, web.id, web.id)
    client.patch(f"{RULES}/{rule_id}", json={"active": False}, headers=auth_headers(admin))
    assert owner("fair") == rest.id
