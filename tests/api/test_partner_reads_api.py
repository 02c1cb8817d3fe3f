"""Partner users see their partner's world only: the API refuses or narrows every internal read (spec §8)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.people.reads import DISPLAY_SETTINGS
from rxcrm.services.leads.campaigns import create_campaign
from rxcrm.services.leads.splitter import save_rule
from rxcrm.services.settings.workflows import create_rule
from tests.api.conftest import HeadersFor
from tests.conftest import make_partner, make_user

API = "/api/v1"


@dataclass
class World:
    """An internal team, a partner user with a colleague, and another partner's user."""

    partner_user: User
    colleague: User
    outsider: User
    staff: list[User]
    headers: dict[str, str]
    splitter_rule_id: int
    workflow_rule_id: int
    campaign_id: int


@pytest.fixture
def world(session: Session, admin: User, rep: User, auth_headers: HeadersFor) -> World:
    """Configuration an internal team keeps, and the bearer headers of a partner user."""
    acme, other = make_partner(session), make_partner(session)
    partner_user = make_user(session, role="partner", partner_id=acme.id, email="pat@acme.test")
    colleague = make_user(session, role="partner", partner_id=acme.id, email="col@acme.test")
    outsider = make_user(session, role="partner", partner_id=other.id, email="out@other.test")
    director = make_user(session, role="director", email="dora@staff.test")
    assignees = [{"user_id": rep.id, "percent": 60}, {"user_id": director.id, "percent": 40}]
    rule = save_rule(
        session, admin, {"name": "Web", "field": "source", "value": "web", "assignees": assignees}
    )
    workflow = create_rule(
        session,
        admin,
        {
            "name": "Watch",
            "entity": "opportunity",
            "trigger": "created",
            "action": "add_follower",
            "action_params": {"user_id": director.id},
        },
    )
    campaign = create_campaign(session, admin, {"name": "Fair", "budget": "12345.00", "cost": "999.00"})
    session.commit()
    staff = [admin, rep, director]
    return World(
        partner_user,
        colleague,
        outsider,
        staff,
        auth_headers(partner_user),
        rule["id"],
        workflow.id,
        campaign.id,
    )


def _no_staff_emails(world: World, text: str) -> bool:
    return not any(u.email in text for u in world.staff)


def test_a_partner_user_lists_only_the_users_of_his_partner_without_last_login(
    client: TestClient, world: World
) -> None:
    answer = client.get(f"{API}/users", params={"limit": 200}, headers=world.headers)
    assert answer.status_code == 200
    items = answer.json()["items"]
    assert {u["email"] for u in items} == {world.partner_user.email, world.colleague.email}
    assert all("last_login_at" not in u for u in items)
    assert _no_staff_emails(world, answer.text) and world.outsider.email not in answer.text


def test_a_partner_user_reads_himself_but_no_staff_member_by_id(client: TestClient, world: World) -> None:
    assert client.get(f"{API}/users/me", headers=world.headers).json()["email"] == world.partner_user.email
    assert client.get(f"{API}/users/{world.colleague.id}", headers=world.headers).status_code == 200
    refused = client.get(f"{API}/users/{world.staff[1].id}", headers=world.headers)
    assert refused.status_code == 404 and _no_staff_emails(world, refused.text)


def test_staff_still_read_the_whole_directory(
    client: TestClient, world: World, rep: User, auth_headers: HeadersFor
) -> None:
    answer = client.get(f"{API}/users", params={"limit": 200}, headers=auth_headers(rep))
    assert answer.json()["total"] == 6 and "last_login_at" in answer.json()["items"][0]


def test_a_partner_user_reads_only_the_display_settings(
    client: TestClient, world: World, rep: User, auth_headers: HeadersFor
) -> None:
    answer = client.get(f"{API}/settings", headers=world.headers)
    assert answer.status_code == 200 and set(answer.json()) == set(DISPLAY_SETTINGS)
    assert answer.json()["board_currency"] == "EUR"
    assert "intake_rate_limit_per_minute" in client.get(f"{API}/settings", headers=auth_headers(rep)).json()


@pytest.mark.parametrize("path", ["/splitter-rules", "/workflow-rules", "/permissions"])
def test_a_partner_user_may_not_read_internal_rules(client: TestClient, world: World, path: str) -> None:
    answer = client.get(API + path, headers=world.headers)
    assert answer.status_code == 403
    assert answer.json()["error"]["code"] == "forbidden" and "not available for your role" in answer.text
    assert _no_staff_emails(world, answer.text)


def test_a_partner_user_may_not_read_one_splitter_or_workflow_rule(client: TestClient, world: World) -> None:
    splitter = client.get(f"{API}/splitter-rules/{world.splitter_rule_id}", headers=world.headers)
    workflow = client.get(f"{API}/workflow-rules/{world.workflow_rule_id}", headers=world.headers)
    assert (splitter.status_code, workflow.status_code) == (403, 403)
    assert world.staff[2].name not in splitter.text


def test_staff_still_read_the_splitter_workflow_rules_and_permissions(
    client: TestClient, world: World, rep: User, auth_headers: HeadersFor
) -> None:
    headers = auth_headers(rep)
    for path in ("/splitter-rules", "/workflow-rules", "/permissions"):
        assert client.get(API + path, headers=headers).status_code == 200, path


def test_a_partner_user_sees_campaigns_without_budget_or_cost(
    client: TestClient, world: World, rep: User, auth_headers: HeadersFor
) -> None:
    listed = client.get(f"{API}/campaigns", headers=world.headers)
    one = client.get(f"{API}/campaigns/{world.campaign_id}", headers=world.headers)
    assert listed.status_code == 200 and one.status_code == 200
    for item in (*listed.json()["items"], one.json()):
        assert item["name"] == "Fair" and "budget" not in item and "cost" not in item
    assert "12345" not in listed.text + one.text
    staff_view = client.get(f"{API}/campaigns/{world.campaign_id}", headers=auth_headers(rep)).json()
    assert (staff_view["budget"], staff_view["cost"]) == ("12345.00", "999.00")
