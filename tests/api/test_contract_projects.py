"""api.md's `projects` as an integrator reads it: id, name, parent_id, crm_enabled, responsible_ids,
participant_ids; filters, the 409 on a project in use, members, partner users' 404, a project's deals
with and without the sub-projects setting, and errors in the contract's shape."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session

from rxcrm.db.models import User
from tests.api.conftest import HeadersFor
from tests.api.contract import API, filters_by, has_fields, is_error, listed
from tests.api.test_contract_records import _crud
from tests.conftest import make_opportunity, make_partner, make_user


def test_projects_follow_the_contract(
    client: TestClient, session: Session, admin: User, admin_headers: dict[str, str]
) -> None:
    rep, other = make_user(session, name="Rita Rep"), make_user(session, name="Omar Other")
    session.commit()
    crm = listed(client, admin_headers, "/projects", q="CRM")[0]
    body = {
        "name": "North", "parent_id": crm["id"], "crm_enabled": True,
        "responsible_ids": [rep.id], "participant_ids": [other.id],
    }  # fmt: skip
    record = _crud(client, admin_headers, "projects", body, {"crm_enabled": False, "participant_ids": []})
    assert (record["responsible_ids"], record["participant_ids"]) == ([rep.id], [other.id])
    kept = client.post(f"{API}/projects", json={**body, "name": "South"}, headers=admin_headers).json()
    has_fields(kept, "projects")
    filters_by(client, admin_headers, "/projects", "parent_id", crm["id"])
    filters_by(client, admin_headers, "/projects", "crm_enabled", True)
    assert [p["name"] for p in listed(client, admin_headers, "/projects", sort="-name")][:2] == [
        "South",
        "CRM",
    ]
    history = client.get(f"{API}/projects/{kept['id']}/history", headers=admin_headers).json()
    assert {"(created)", "responsible_ids", "participant_ids"} <= {h["field"] for h in history}


def test_a_user_named_as_both_a_cycle_or_a_taken_name_is_refused_and_nothing_is_written(
    client: TestClient, session: Session, admin: User, admin_headers: dict[str, str]
) -> None:
    rep = make_user(session)
    session.commit()
    north = client.post(f"{API}/projects", json={"name": "North"}, headers=admin_headers).json()
    child = client.post(
        f"{API}/projects", json={"name": "Hamburg", "parent_id": north["id"]}, headers=admin_headers
    ).json()
    both = {"name": "Both", "responsible_ids": [rep.id], "participant_ids": [rep.id]}
    error = is_error(
        client.post(f"{API}/projects", json=both, headers=admin_headers), 422, "validation_error"
    )
    assert set(error["fields"]) == {"participant_ids"}
    moved = client.patch(
        f"{API}/projects/{north['id']}", json={"parent_id": child["id"]}, headers=admin_headers
    )
    assert set(is_error(moved, 422, "validation_error")["fields"]) == {"parent_id"}
    is_error(client.post(f"{API}/projects", json={"name": "NORTH"}, headers=admin_headers), 409, "conflict")
    is_error(
        client.post(f"{API}/projects", json={"name": "X", "owner": 1}, headers=admin_headers),
        422,
        "validation_error",
    )
    assert sorted(p["name"] for p in listed(client, admin_headers, "/projects")) == [
        "CRM",
        "Hamburg",
        "North",
    ]


def test_a_project_in_use_answers_409_and_is_kept(
    client: TestClient, session: Session, admin: User, admin_headers: dict[str, str]
) -> None:
    north = client.post(f"{API}/projects", json={"name": "North"}, headers=admin_headers).json()
    make_opportunity(session, admin, project_id=north["id"])
    session.commit()
    error = is_error(client.delete(f"{API}/projects/{north['id']}", headers=admin_headers), 409, "conflict")
    assert "1 opportunities" in error["message"]
    assert client.get(f"{API}/projects/{north['id']}", headers=admin_headers).status_code == 200


def test_reps_read_projects_but_only_admins_and_directors_write_them(
    client: TestClient, session: Session, admin_headers: dict[str, str], rep_headers: dict[str, str]
) -> None:
    north = client.post(f"{API}/projects", json={"name": "North"}, headers=admin_headers).json()
    assert client.get(f"{API}/projects/{north['id']}", headers=rep_headers).status_code == 200
    is_error(client.post(f"{API}/projects", json={"name": "Mine"}, headers=rep_headers), 403, "forbidden")
    is_error(
        client.patch(f"{API}/projects/{north['id']}", json={"name": "M"}, headers=rep_headers),
        403,
        "forbidden",
    )
    is_error(client.delete(f"{API}/projects/{north['id']}", headers=rep_headers), 403, "forbidden")


def test_partner_users_see_no_project(
    client: TestClient, session: Session, admin_headers: dict[str, str], auth_headers: HeadersFor
) -> None:
    outsider = make_user(session, role="partner", partner_id=make_partner(session).id)
    session.commit()
    north = client.post(f"{API}/projects", json={"name": "North"}, headers=admin_headers).json()
    headers = auth_headers(outsider)
    assert listed(client, headers, "/projects") == []
    is_error(client.get(f"{API}/projects/{north['id']}", headers=headers), 404, "not_found")
    is_error(client.get(f"{API}/projects/{north['id']}/opportunities", headers=headers), 404, "not_found")
    is_error(client.post(f"{API}/projects", json={"name": "Ours"}, headers=headers), 403, "forbidden")


def test_a_projects_deals_include_sub_projects_while_the_setting_is_on(
    client: TestClient, session: Session, admin: User, admin_headers: dict[str, str]
) -> None:
    north = client.post(f"{API}/projects", json={"name": "North"}, headers=admin_headers).json()
    child = client.post(
        f"{API}/projects", json={"name": "Hamburg", "parent_id": north["id"]}, headers=admin_headers
    ).json()
    own = make_opportunity(session, admin, project_id=north["id"])
    below = make_opportunity(session, admin, project_id=child["id"])
    session.commit()
    path = f"/projects/{north['id']}/opportunities"
    assert [d["id"] for d in listed(client, admin_headers, path)] == [own.id]
    answer = client.patch(
        f"{API}/settings", json={"show_subproject_opportunities": True}, headers=admin_headers
    )
    assert answer.status_code == 200, answer.text
    assert {d["id"] for d in listed(client, admin_headers, path)} == {own.id, below.id}
    assert [d["id"] for d in listed(client, admin_headers, "/opportunities", project_id=north["id"])] == [
        own.id
    ]
