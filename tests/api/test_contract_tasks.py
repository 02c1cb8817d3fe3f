"""api.md's `tasks` as an integrator reads it: fields, the documented filters, the primary account,
statistics per assignee, the assignee's notification, history, and 404/422 in the error shape."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlmodel import Session

from rxcrm.db.models import Project, User
from rxcrm.services.people.time_zones import today_for
from tests.api.conftest import HeadersFor
from tests.api.contract import API, filters_by, is_error, listed
from tests.api.test_contract_records import _crud
from tests.conftest import make_account, make_opportunity, make_partner, make_user, stored


def test_tasks_follow_the_contract(
    client: TestClient, session: Session, admin: User, auth_headers: HeadersFor
) -> None:
    rep = make_user(session, name="Sam Seller")
    a, b = make_account(session), make_account(session)
    deal, project = (
        make_opportunity(session, admin, account_id=a.id),
        stored(session, Project(name="Tasks CRM")),
    )
    session.commit()
    headers = auth_headers(admin)
    body = {
        "title": "Send the renewal offer", "description": "with the new prices", "assignee_id": rep.id,
        "due_date": "2031-01-15", "status": "open", "priority": "high", "account_ids": [a.id, b.id],
        "opportunity_id": deal.id, "project_id": project.id,
    }  # fmt: skip
    record = _crud(client, headers, "tasks", body, {"status": "done", "priority": "low"})
    assert (record["account_ids"], record["primary_account_id"]) == ([a.id, b.id], a.id)
    kept = client.post(f"{API}/tasks", json=body, headers=headers).json()
    starred = client.patch(f"{API}/tasks/{kept['id']}", json={"primary_account_id": b.id}, headers=headers)
    assert (starred.json()["account_ids"], starred.json()["primary_account_id"]) == ([b.id, a.id], b.id)
    for field, value in (("assignee_id", rep.id), ("status", "open")):
        filters_by(client, headers, "/tasks", field, value)
    assert [t["id"] for t in listed(client, headers, "/tasks", account_id=a.id)] == [kept["id"]]
    history = client.get(f"{API}/tasks/{kept['id']}/history", headers=headers).json()
    assert {"account_ids", "(created)"} <= {h["field"] for h in history}
    rep_headers = auth_headers(rep)
    notes = listed(client, rep_headers, "/notifications")
    assert {(n["entity"], n["entity_id"]) for n in notes} >= {("task", kept["id"])}


def test_overdue_and_statistics_are_on_the_callers_calendar(
    client: TestClient, session: Session, admin: User, rep: User, rep_headers: dict[str, str]
) -> None:
    late = (today_for(rep) - timedelta(days=2)).isoformat()
    for title, due in (("Late", late), ("Later", "2031-01-15"), ("Undated", None)):
        answer = client.post(f"{API}/tasks", json={"title": title, "due_date": due}, headers=rep_headers)
        assert answer.status_code == 201, answer.text
    overdue = listed(client, rep_headers, "/tasks", overdue="true")
    assert [t["title"] for t in overdue] == ["Late"] and overdue[0]["overdue"] is True
    answer = client.get(f"{API}/tasks/statistics", headers=rep_headers)
    assert answer.status_code == 200
    assert answer.json() == [{"assignee_id": rep.id, "open": 3, "done": 0, "overdue": 1}]


def test_bad_input_answers_422_naming_the_fields_and_writes_nothing(
    client: TestClient, session: Session, admin: User, admin_headers: dict[str, str]
) -> None:
    a = make_account(session)
    session.commit()
    bad = {"title": " ", "priority": "urgent", "account_ids": [a.id], "primary_account_id": a.id + 1}
    error = is_error(client.post(f"{API}/tasks", json=bad, headers=admin_headers), 422, "validation_error")
    assert set(error["fields"]) == {"title", "priority", "primary_account_id"}
    is_error(
        client.post(f"{API}/tasks", json={"title": "X", "colour": "red"}, headers=admin_headers),
        422,
        "validation_error",
    )
    is_error(
        client.get(f"{API}/tasks", params={"status": "later"}, headers=admin_headers), 422, "validation_error"
    )
    assert listed(client, admin_headers, "/tasks") == []


def test_a_partner_user_gets_404_for_tasks_outside_his_partners_world(
    client: TestClient, session: Session, rep: User, rep_headers: dict[str, str], auth_headers: HeadersFor
) -> None:
    partner = make_partner(session)
    pat = make_user(session, role="partner", partner_id=partner.id)
    theirs = make_account(session, partner_id=partner.id, owner_id=rep.id)
    session.commit()
    shared = client.post(
        f"{API}/tasks", json={"title": "Shared", "account_ids": [theirs.id]}, headers=rep_headers
    )
    internal = client.post(f"{API}/tasks", json={"title": "Internal"}, headers=rep_headers)
    pat_headers = auth_headers(pat)
    assert [t["title"] for t in listed(client, pat_headers, "/tasks")] == ["Shared"]
    assert client.get(f"{API}/tasks/{shared.json()['id']}", headers=pat_headers).status_code == 200
    is_error(client.get(f"{API}/tasks/{internal.json()['id']}", headers=pat_headers), 404, "not_found")
    is_error(
        client.patch(f"{API}/tasks/{internal.json()['id']}", json={"status": "done"}, headers=pat_headers),
        404,
        "not_found",
    )
