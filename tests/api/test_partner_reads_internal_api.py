"""A partner user learns nothing internal from the issue-16 pages and pickers (spec §8): no staff
names from the inbox's assignee picker; no project from the project picker, the dashboards' project
menu, a deal's page or a task's project link; no campaign cost from the campaign-results widget, even
when the roles matrix opens campaigns to partners; no deal counts from the pipelines' settings list."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.errors import Forbidden
from rxcrm.services.leads.campaigns import create_campaign
from rxcrm.services.people.field_visibility import VIEWER
from rxcrm.services.people.permissions import set_permission
from rxcrm.services.pipeline.pipelines import pipeline_rows
from rxcrm.services.pipeline.projects import create_project, list_projects
from rxcrm.services.pipeline.rows import opportunity_data
from rxcrm.services.records.lookups import find_records, record_label
from rxcrm.services.tasks.task_prefill import new_task_values
from rxcrm.services.tasks.tasks import create_task
from rxcrm.services.tickets.rows import assignee_choices
from tests.api.conftest import HeadersFor
from tests.conftest import make_lead, make_opportunity, make_partner, make_user

API = "/api/v1"


@dataclass
class World:
    """A partner user, the internal team, an internal project and a campaign with a cost."""

    partner_user: User
    headers: dict[str, str]
    project_id: int
    campaign_id: int


@pytest.fixture
def world(session: Session, admin: User, rep: User, auth_headers: HeadersFor) -> World:
    """A partner user next to staff, an internal project and a campaign his partner's lead came from."""
    acme = make_partner(session, name="Acme")
    partner_user = make_user(session, role="partner", partner_id=acme.id, email="pat@acme.test")
    make_user(session, role="director", name="Dora Director", email="dora@staff.test")
    project = create_project(session, admin, {"name": "Secret Expansion North"})
    campaign = create_campaign(session, admin, {"name": "Fair", "budget": "12345.00", "cost": "987.65"})
    make_lead(session, partner_id=acme.id, campaign_id=campaign.id, owner_id=partner_user.id)
    session.commit()
    return World(partner_user, auth_headers(partner_user), project.id, campaign.id)


def test_the_inbox_assignee_picker_names_no_staff_to_a_partner_user(
    session: Session, world: World, rep: User
) -> None:
    assert assignee_choices(session, world.partner_user) == []
    staff_choices = {c["label"] for c in assignee_choices(session, rep)}
    assert {"Rita Rep", "Dora Director", "Ada Admin"} <= staff_choices


def test_the_project_picker_finds_no_project_for_a_partner_user(
    session: Session, world: World, rep: User
) -> None:
    assert find_records(session, world.partner_user, "project", "secret") == []
    assert record_label(session, world.partner_user, "project", world.project_id) == ""
    assert [name for _, name in find_records(session, rep, "project", "secret")] == ["Secret Expansion North"]


def test_the_dashboards_project_menu_offers_a_partner_user_no_project(
    session: Session, world: World, rep: User
) -> None:
    assert list_projects(session, world.partner_user) == []
    assert "Secret Expansion North" in [p.name for p in list_projects(session, rep)]


def test_a_partner_users_deal_page_does_not_name_its_internal_project(
    session: Session, world: World, rep: User
) -> None:
    partner_id = world.partner_user.partner_id
    deal = make_opportunity(session, rep, partner_id=partner_id, project_id=world.project_id)

    def project_shown(viewer: User) -> str:
        session.info[VIEWER] = viewer
        return next(r["value"] for r in opportunity_data(session, deal) if r["key"] == "project")

    assert project_shown(world.partner_user) == ""
    assert project_shown(rep) == "Secret Expansion North"


def test_a_new_task_from_a_partner_users_deal_starts_without_its_internal_project(
    session: Session, world: World, rep: User
) -> None:
    partner_id = world.partner_user.partner_id
    deal = make_opportunity(session, rep, partner_id=partner_id, project_id=world.project_id)
    session.info[VIEWER] = world.partner_user
    values, _ = new_task_values(session, world.partner_user, "opportunity", deal.id)
    assert values["project_id"] == ""
    task = create_task(session, world.partner_user, {"title": "Follow up", "opportunity_id": deal.id})
    assert (task.opportunity_id, task.project_id) == (deal.id, None)
    session.info[VIEWER] = rep
    assert new_task_values(session, rep, "opportunity", deal.id)[0]["project_id"] == str(world.project_id)


def test_a_partner_user_may_not_link_a_task_to_an_internal_project(client: TestClient, world: World) -> None:
    answer = client.post(
        f"{API}/tasks", json={"title": "Call back", "project_id": world.project_id}, headers=world.headers
    )
    assert answer.status_code == 422
    assert set(answer.json()["error"]["fields"]) == {"project_id"}
    assert client.get(f"{API}/tasks", headers=world.headers).json()["total"] == 0


def test_the_campaign_widget_shows_no_cost_to_a_partner_user_even_with_campaigns_opened(
    client: TestClient, session: Session, world: World, admin: User, rep: User, auth_headers: HeadersFor
) -> None:
    set_permission(session, admin, "partner", "campaigns", "view", True)
    session.commit()
    refused = client.get(f"{API}/dashboards/widgets/campaigns", headers=world.headers)
    assert refused.status_code == 403 and "987" not in refused.text
    results = client.get(f"{API}/campaigns/{world.campaign_id}/results", headers=world.headers)
    assert results.status_code == 403
    staff = client.get(f"{API}/dashboards/widgets/campaigns", headers=auth_headers(rep))
    assert staff.status_code == 200, staff.text
    costs = [Decimal(str(row["cost"])) for row in staff.json()["rows"]]
    assert costs == [Decimal("987.65")]


def test_only_the_admin_reads_how_many_deals_stand_in_each_pipeline(
    session: Session, world: World, admin: User, rep: User
) -> None:
    make_opportunity(session, rep)
    for outsider in (world.partner_user, rep):
        with pytest.raises(Forbidden):
            pipeline_rows(session, outsider)
    assert [row.deals for row in pipeline_rows(session, admin)] == [1]
