"""api.md's other core resources as an integrator reads them.

users, settings, followers, activities, notifications, history, dashboards/widgets, baselines,
custom-fields and saved-filters: documented fields, request shapes, filters and status codes.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from rxcrm.db.models import User
from tests.api.conftest import HeadersFor
from tests.api.contract import API, has_fields, is_error, listed, window_is_bounded
from tests.conftest import make_account, make_lead, make_opportunity, make_user

WIDGET_ROWS = {
    "pipeline_by_stage": {"stage_id", "stage", "count", "amount"},
    "funnel": {"stage_id", "stage", "count"},
    "revenue": {"period", "amount"},
    "won_by_person": {"user_id", "count", "amount"},
    "activities": {"category", "user_id", "count"},
    "targets": {"user_id", "period", "target", "actual"},
    "leaderboard": {"user_id", "rank", "amount"},
    "forecast": {"period", "weighted_amount"},
    "lead_conversion": {"period", "leads", "qualified", "rate"},
    "campaigns": {"campaign_id", "leads", "won_amount", "cost"},
    "partners": {"partner_id", "count", "amount"},
}
SETTINGS_KEYS = {
    "decouple_contact_opportunity_owners",
    "update_contact_followers_on_opportunity_owner_change",
    "update_opportunity_followers_on_contact_owner_change",
    "second_account_manager",
}


def deletes_for_good(client: TestClient, headers: dict[str, str], url: str) -> None:
    """DELETE answers 204 and a GET afterwards answers 404 not_found."""
    assert client.delete(url, headers=headers).status_code == 204
    is_error(client.get(url, headers=headers), 404, "not_found")


def test_users_are_written_by_admins_and_never_show_a_password(
    client: TestClient, session: Session, admin: User, rep: User, auth_headers: HeadersFor
) -> None:
    session.commit()
    admin_h, rep_h = auth_headers(admin), auth_headers(rep)
    body = {
        "email": "nina@example.com",
        "name": "Nina",
        "role": "rep",
        "access_level": "full",
        "password": "long-password-1",
    }
    created = client.post(f"{API}/users", json=body, headers=admin_h)
    assert created.status_code == 201, created.text
    has_fields(created.json(), "users")
    assert not {"password", "password_hash"} & set(created.json())
    url = f"{API}/users/{created.json()['id']}"
    patched = client.patch(
        url, json={"access_level": "limited_crm", "password": "another-pass-2"}, headers=admin_h
    )
    assert patched.status_code == 200 and patched.json()["access_level"] == "limited_crm", patched.text
    assert patched.json()["role"] == "rep" and "password" not in patched.json()
    me = client.get(f"{API}/users/me", headers=rep_h)
    assert me.status_code == 200 and me.json()["id"] == rep.id
    has_fields(me.json(), "users")
    for params in ({"role": "rep"}, {"active": True}):
        for item in listed(client, admin_h, "/users", **params):
            has_fields(item, "users")
    window_is_bounded(client, admin_h, "/users")
    is_error(
        client.post(f"{API}/users", json={**body, "email": "x@example.com"}, headers=rep_h), 403, "forbidden"
    )
    is_error(client.patch(url, json={"name": "Hack"}, headers=rep_h), 403, "forbidden")
    is_error(
        client.post(f"{API}/users", json={**body, "role": "emperor"}, headers=admin_h),
        422,
        "validation_error",
    )
    is_error(client.get(f"{API}/users/999999", headers=admin_h), 404, "not_found")


def test_a_user_sets_his_own_time_zone_and_a_wrong_one_is_refused(
    client: TestClient, session: Session, rep: User, auth_headers: HeadersFor
) -> None:
    session.commit()
    rep_h, me = auth_headers(rep), f"{API}/users/me"
    assert client.get(me, headers=rep_h).json()["time_zone"] is None  # not chosen yet: UTC
    patched = client.patch(me, json={"time_zone": "Asia/Tokyo"}, headers=rep_h)
    assert patched.status_code == 200 and patched.json()["time_zone"] == "Asia/Tokyo", patched.text
    has_fields(patched.json(), "users")
    assert client.get(me, headers=rep_h).json()["time_zone"] == "Asia/Tokyo"
    error = is_error(
        client.patch(me, json={"time_zone": "Mars/Olympus"}, headers=rep_h), 422, "validation_error"
    )
    assert set(error["fields"]) == {"time_zone"}
    is_error(
        client.patch(me, json={"time_zone": "UTC", "role": "admin"}, headers=rep_h), 422, "validation_error"
    )
    is_error(client.patch(me, json={}, headers=rep_h), 422, "validation_error")
    me_now = client.get(me, headers=rep_h).json()
    assert (me_now["time_zone"], me_now["role"]) == ("Asia/Tokyo", "rep")  # nothing written by a refusal


def test_settings_are_one_flat_object_patched_by_admins_only(
    client: TestClient, session: Session, admin: User, rep: User, auth_headers: HeadersFor
) -> None:
    session.commit()
    admin_h, rep_h = auth_headers(admin), auth_headers(rep)
    settings = client.get(f"{API}/settings", headers=rep_h).json()
    assert set(settings) >= SETTINGS_KEYS
    flipped = {"second_account_manager": not settings["second_account_manager"]}
    patched = client.patch(f"{API}/settings", json=flipped, headers=admin_h)
    assert (
        patched.status_code == 200
        and patched.json()["second_account_manager"] is flipped["second_account_manager"]
    )
    assert set(patched.json()) >= SETTINGS_KEYS
    is_error(client.patch(f"{API}/settings", json=flipped, headers=rep_h), 403, "forbidden")
    is_error(
        client.patch(f"{API}/settings", json={"no_such_key": 1}, headers=admin_h), 422, "validation_error"
    )


@pytest.mark.parametrize("resource", ["accounts", "contacts", "leads", "opportunities"])
def test_followers_and_history_of_every_record_resource(
    client: TestClient, session: Session, admin: User, auth_headers: HeadersFor, resource: str
) -> None:
    colleague = make_user(session)
    account = make_account(session, owner_id=admin.id)
    record_id = {
        "accounts": lambda: account.id,
        "contacts": lambda: client.post(
            f"{API}/contacts", json={"last_name": "Kay", "account_id": account.id}, headers=headers
        ).json()["id"],
        "leads": lambda: make_lead(session, owner_id=admin.id).id,
        "opportunities": lambda: make_opportunity(session, admin, account_id=account.id).id,
    }
    session.commit()
    headers = auth_headers(admin)
    rid = record_id[resource]()
    session.commit()
    url = f"{API}/{resource}/{rid}"
    followed = client.post(f"{url}/followers", json={"user_id": colleague.id}, headers=headers)
    assert followed.status_code == 201, followed.text
    assert colleague.id in {f["id"] for f in client.get(f"{url}/followers", headers=headers).json()}
    assert client.delete(f"{url}/followers/{colleague.id}", headers=headers).status_code == 204
    assert colleague.id not in {f["id"] for f in client.get(f"{url}/followers", headers=headers).json()}
    client.patch(url, json={"custom": {"note": "changed"}}, headers=headers)
    history = client.get(f"{url}/history", headers=headers)
    assert history.status_code == 200 and isinstance(history.json(), list) and history.json(), history.text
    for line in history.json():
        has_fields(line, "history")
    is_error(client.get(f"{API}/{resource}/999999/history", headers=headers), 404, "not_found")
    is_error(client.get(f"{API}/{resource}/999999/followers", headers=headers), 404, "not_found")


def test_activities_take_the_contracts_fields_and_filters(
    client: TestClient, session: Session, admin: User, admin_headers: dict[str, str]
) -> None:
    lead = make_lead(session, owner_id=admin.id)
    session.commit()
    body = {
        "entity": "lead",
        "entity_id": lead.id,
        "category": "Call",
        "note": "Called",
        "at": "2026-03-01T10:00:00+00:00",
    }
    created = client.post(f"{API}/activities", json=body, headers=admin_headers)
    assert created.status_code == 201, created.text
    activity = created.json()
    has_fields(activity, "activities")
    assert (
        activity["category"] == "Call"
        and activity["author_id"] == admin.id
        and activity["entity_id"] == lead.id
    )
    url = f"{API}/activities/{activity['id']}"
    has_fields(client.get(url, headers=admin_headers).json(), "activities")
    patched = client.patch(url, json={"note": "Called back"}, headers=admin_headers)
    assert patched.status_code == 200 and patched.json()["note"] == "Called back"
    items = listed(client, admin_headers, "/activities", entity="lead", entity_id=lead.id)
    assert [i["id"] for i in items] == [activity["id"]]
    window_is_bounded(client, admin_headers, "/activities")
    for unknown in ({"category": "Séance"}, {"entity": "planet"}):
        refused = client.post(f"{API}/activities", json={**body, **unknown}, headers=admin_headers)
        is_error(refused, 422, "validation_error")
    deletes_for_good(client, admin_headers, url)


def test_notifications_are_the_acting_users_and_can_be_read(
    client: TestClient, session: Session, admin: User, rep: User, auth_headers: HeadersFor
) -> None:
    lead = make_lead(session, owner_id=rep.id)
    session.commit()
    admin_h, rep_h = auth_headers(admin), auth_headers(rep)
    client.post(f"{API}/leads/{lead.id}/followers", json={"user_id": rep.id}, headers=admin_h)
    client.patch(f"{API}/leads/{lead.id}", json={"owner_id": admin.id}, headers=admin_h)
    items = listed(client, rep_h, "/notifications")
    assert items, "the rep was told about the change of owner"
    for item in items:
        has_fields(item, "notifications")
    read = client.post(f"{API}/notifications/{items[0]['id']}/read", headers=rep_h)
    assert read.status_code == 200 and read.json()["read"] is True, read.text
    is_error(client.post(f"{API}/notifications/{items[0]['id']}/read", headers=admin_h), 404, "not_found")


@pytest.mark.parametrize("kind", sorted(WIDGET_ROWS))
def test_every_widget_kind_answers_its_rows_under_the_documented_params(
    client: TestClient, session: Session, admin: User, auth_headers: HeadersFor, kind: str
) -> None:
    make_opportunity(session, admin, amount="500.00")
    session.commit()
    params = {"from": "2020-01-01", "to": "2030-12-31", "owner_id": admin.id, "team": "", "stage_id": None}
    answer = client.get(
        f"{API}/dashboards/widgets/{kind}",
        params={k: v for k, v in params.items() if v is not None},
        headers=auth_headers(admin),
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert {"kind", "params", "rows", "generated_at"} <= set(body) and body["kind"] == kind
    for row in body["rows"]:
        assert WIDGET_ROWS[kind] <= set(row), (kind, row)


def test_baselines_freeze_rows_and_answer_the_documented_shape(
    client: TestClient, session: Session, admin: User, admin_headers: dict[str, str]
) -> None:
    make_opportunity(session, admin, amount="500.00")
    session.commit()
    body = {"widget_kind": "pipeline_by_stage", "name": "Q1", "params": {}}
    created = client.post(f"{API}/baselines", json=body, headers=admin_headers)
    assert created.status_code == 201, created.text
    has_fields(created.json(), "baselines")
    url = f"{API}/baselines/{created.json()['id']}"
    assert client.get(url, headers=admin_headers).json()["rows"] == created.json()["rows"]
    items = listed(client, admin_headers, "/baselines", widget_kind="pipeline_by_stage")
    assert [i["id"] for i in items] == [created.json()["id"]]
    is_error(
        client.post(f"{API}/baselines", json={**body, "widget_kind": "nope"}, headers=admin_headers),
        404,
        "not_found",
    )
    deletes_for_good(client, admin_headers, url)


def test_custom_fields_and_saved_filters_follow_the_conventions(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    field = {"entity": "account", "key": "region", "label": "Region", "type": "text"}
    created = client.post(f"{API}/custom-fields", json=field, headers=admin_headers)
    assert created.status_code == 201 and {"id", "entity", "key", "label", "type"} <= set(created.json())
    url = f"{API}/custom-fields/{created.json()['id']}"
    assert client.patch(url, json={"label": "Area"}, headers=admin_headers).json()["label"] == "Area"
    assert created.json()["id"] in {
        i["id"] for i in listed(client, admin_headers, "/custom-fields", entity="account")
    }
    listed(client, admin_headers, "/accounts", **{"custom.region": "North"})
    deletes_for_good(client, admin_headers, url)
    saved = {"entity": "account", "name": "Berlin", "params": {"type": "company"}}
    made = client.post(f"{API}/saved-filters", json=saved, headers=admin_headers)
    assert made.status_code == 201 and {"id", "entity", "name", "params"} <= set(made.json()), made.text
    url = f"{API}/saved-filters/{made.json()['id']}"
    assert client.patch(url, json={"name": "Berliners"}, headers=admin_headers).json()["name"] == "Berliners"
    assert made.json()["id"] in {
        i["id"] for i in listed(client, admin_headers, "/saved-filters", entity="account")
    }
    deletes_for_good(client, admin_headers, url)
