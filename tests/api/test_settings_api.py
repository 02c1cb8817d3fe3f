"""REST /settings: a flat object every user reads and only admins change (spec §7)."""

from __future__ import annotations

from fastapi.testclient import TestClient

OWNERSHIP_KEYS = {
    "decouple_contact_opportunity_owners",
    "update_contact_followers_on_opportunity_owner_change",
    "update_opportunity_followers_on_contact_owner_change",
    "second_account_manager",
}
PARENT = "decouple_contact_opportunity_owners"
CHILD = "update_contact_followers_on_opportunity_owner_change"


def test_any_user_reads_settings_as_a_flat_object(client: TestClient, rep_headers) -> None:
    settings = client.get("/api/v1/settings", headers=rep_headers).json()
    assert set(settings) >= OWNERSHIP_KEYS
    assert settings[PARENT] is False and settings["board_currency"] == "EUR"
    assert all(not isinstance(v, dict | list) for v in settings.values())


def test_admin_switches_a_toggle_and_it_stays(client: TestClient, admin_headers) -> None:
    answer = client.patch("/api/v1/settings", json={"second_account_manager": True}, headers=admin_headers)
    assert answer.status_code == 200 and answer.json()["second_account_manager"] is True
    assert client.get("/api/v1/settings", headers=admin_headers).json()["second_account_manager"] is True


def test_rep_cannot_patch_settings(client: TestClient, rep_headers) -> None:
    answer = client.patch("/api/v1/settings", json={"second_account_manager": True}, headers=rep_headers)
    assert answer.status_code == 403 and answer.json()["error"]["code"] == "forbidden"
    assert client.get("/api/v1/settings", headers=rep_headers).json()["second_account_manager"] is False


def test_unknown_keys_and_wrong_types_answer_422_and_change_nothing(
    client: TestClient, admin_headers
) -> None:
    answer = client.patch(
        "/api/v1/settings",
        json={"second_account_manager": True, "dark_magic": True, "session_hours": "12"},
        headers=admin_headers,
    )
    assert answer.status_code == 422
    assert answer.json()["error"]["fields"] == {
        "dark_magic": "is not a known setting",
        "session_hours": "must be int",
    }
    assert client.get("/api/v1/settings", headers=admin_headers).json()["second_account_manager"] is False


def test_a_body_that_is_not_an_object_answers_422(client: TestClient, admin_headers) -> None:
    answer = client.patch("/api/v1/settings", json=[PARENT], headers=admin_headers)
    assert answer.status_code == 422 and answer.json()["error"]["code"] == "validation_error"


def test_sub_setting_is_refused_while_its_parent_is_off(client: TestClient, admin_headers) -> None:
    answer = client.patch("/api/v1/settings", json={CHILD: True}, headers=admin_headers)
    assert answer.status_code == 422 and CHILD in answer.json()["error"]["fields"]


def test_switching_the_parent_off_switches_its_sub_settings_off(client: TestClient, admin_headers) -> None:
    on = client.patch("/api/v1/settings", json={PARENT: True, CHILD: True}, headers=admin_headers)
    assert on.status_code == 200 and on.json()[CHILD] is True
    off = client.patch("/api/v1/settings", json={PARENT: False}, headers=admin_headers).json()
    assert off[PARENT] is False and off[CHILD] is False
    assert client.get("/api/v1/settings", headers=admin_headers).json()[CHILD] is False


def test_settings_need_a_login(client: TestClient) -> None:
    assert client.get("/api/v1/settings").status_code == 401
