"""REST /saved-filters: save, list per list, share with a role, role defaults, errors per the contract."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session

from tests.conftest import make_user

URL = "/api/v1/saved-filters"


def test_save_list_change_and_delete_a_filter(client: TestClient, rep_headers) -> None:
    body = {
        "entity": "account",
        "name": "Berlin",
        "params": {"q": "berlin", "type": "company"},
        "sort": "-name",
    }
    created = client.post(URL, json=body, headers=rep_headers)
    assert created.status_code == 201, created.text
    saved = created.json()
    assert saved["params"] == {"q": "berlin", "type": "company"} and saved["shared_with_role"] is None
    listed = client.get(f"{URL}?entity=account", headers=rep_headers).json()
    assert [f["name"] for f in listed["items"]] == ["Berlin"] and listed["total"] == 1
    assert client.get(f"{URL}?entity=opportunity", headers=rep_headers).json()["items"] == []
    patched = client.patch(f"{URL}/{saved['id']}", json={"name": "Berlin firms"}, headers=rep_headers)
    assert patched.status_code == 200 and patched.json()["name"] == "Berlin firms"
    assert client.delete(f"{URL}/{saved['id']}", headers=rep_headers).status_code == 204
    assert client.get(f"{URL}/{saved['id']}", headers=rep_headers).status_code == 404


def test_invalid_filters_answer_422_naming_each_field(client: TestClient, rep_headers) -> None:
    body = {"entity": "account", "name": "", "params": {"status": "won"}, "shared_with_role": "boss"}
    answer = client.post(URL, json=body, headers=rep_headers)
    assert answer.status_code == 422
    assert set(answer.json()["error"]["fields"]) == {"name", "params.status", "shared_with_role"}
    wrong_list = client.get(f"{URL}?entity=contact", headers=rep_headers)
    assert wrong_list.status_code == 422 and "entity" in wrong_list.json()["error"]["fields"]
    assert client.get(URL, headers=rep_headers).status_code == 422


def test_sharing_with_a_role_and_the_answers_for_others(
    client: TestClient, session: Session, rep, auth_headers
) -> None:
    colleague = make_user(session, role="rep")
    director = make_user(session, role="director")
    session.commit()
    body = {"entity": "opportunity", "name": "Won", "params": {"status": "won"}, "shared_with_role": "rep"}
    saved = client.post(URL, json=body, headers=auth_headers(rep)).json()
    colleague_headers = auth_headers(colleague)
    assert client.get(f"{URL}/{saved['id']}", headers=colleague_headers).status_code == 200
    refused = client.patch(f"{URL}/{saved['id']}", json={"name": "x"}, headers=colleague_headers)
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"
    hidden = client.get(f"{URL}/{saved['id']}", headers=auth_headers(director))
    assert hidden.status_code == 404 and hidden.json()["error"]["code"] == "not_found"


def test_admin_sets_the_role_default_and_the_user_gets_it(
    client: TestClient, session: Session, rep, admin, auth_headers
) -> None:
    session.commit()
    rep_headers, admin_headers = auth_headers(rep), auth_headers(admin)
    assert client.get(f"{URL}/default?entity=account", headers=rep_headers).json() is None
    mine = {"entity": "account", "name": "My accounts", "params": {"owner_id": "me"}}
    saved = client.post(URL, json=mine, headers=admin_headers).json()
    own = client.post(URL, json={**mine, "name": "Mine"}, headers=rep_headers).json()
    refused = client.patch(f"{URL}/{own['id']}", json={"default_for_role": "rep"}, headers=rep_headers)
    assert refused.status_code == 403
    made = client.patch(f"{URL}/{saved['id']}", json={"default_for_role": "rep"}, headers=admin_headers)
    assert made.status_code == 200 and made.json()["default_for_role"] == "rep"
    assert client.get(f"{URL}/default?entity=account", headers=rep_headers).json()["id"] == saved["id"]
    client.patch(f"{URL}/{own['id']}", json={"is_default": True}, headers=rep_headers)
    assert client.get(f"{URL}/default?entity=account", headers=rep_headers).json()["id"] == own["id"]


def test_saved_filters_need_a_login(client: TestClient) -> None:
    answer = client.get(f"{URL}?entity=account")
    assert answer.status_code == 401 and answer.json()["error"]["code"] == "unauthorized"
