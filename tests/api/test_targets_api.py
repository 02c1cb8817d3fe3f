"""REST /targets: monthly targets per sales user, money as strings; who may set and see them."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session

from tests.conftest import make_user

URL = "/api/v1/targets"


def test_set_list_change_and_clear_a_target(client: TestClient, rep, admin_headers) -> None:
    answer = client.put(f"{URL}/{rep.id}/2026-03", json={"amount": "25000.00"}, headers=admin_headers)
    assert answer.status_code == 200, answer.text
    target = answer.json()
    assert {k: target[k] for k in ("user_id", "period", "amount", "currency")} == {
        "user_id": rep.id,
        "period": "2026-03",
        "amount": "25000.00",
        "currency": "EUR",
    }
    changed = client.put(f"{URL}/{rep.id}/2026-03", json={"amount": 26000}, headers=admin_headers).json()
    assert changed["id"] == target["id"] and changed["amount"] == "26000.00"
    client.put(f"{URL}/{rep.id}/2025-12", json={"amount": "1"}, headers=admin_headers)
    listed = client.get(f"{URL}?year=2026", headers=admin_headers).json()
    assert listed["total"] == 1 and listed["items"] == [changed]
    assert client.get(URL, headers=admin_headers).json()["total"] == 2
    assert client.delete(f"{URL}/{rep.id}/2026-03", headers=admin_headers).status_code == 204
    assert client.get(f"{URL}?year=2026", headers=admin_headers).json()["items"] == []
    assert client.delete(f"{URL}/{rep.id}/2026-03", headers=admin_headers).status_code == 404


def test_a_rep_sees_his_own_targets_and_may_not_set_any(
    client: TestClient, session: Session, rep, admin, auth_headers
) -> None:
    other = make_user(session)
    session.commit()
    admin_headers, rep_headers = auth_headers(admin), auth_headers(rep)
    for user in (rep, other):
        client.put(f"{URL}/{user.id}/2026-01", json={"amount": "10"}, headers=admin_headers)
    assert [t["user_id"] for t in client.get(URL, headers=rep_headers).json()["items"]] == [rep.id]
    forbidden = client.put(f"{URL}/{rep.id}/2026-01", json={"amount": "99"}, headers=rep_headers)
    assert forbidden.status_code == 403 and forbidden.json()["error"]["code"] == "forbidden"
    assert client.delete(f"{URL}/{rep.id}/2026-01", headers=rep_headers).status_code == 403


def test_a_director_sets_targets(client: TestClient, session: Session, rep, auth_headers) -> None:
    director = make_user(session, role="director")
    session.commit()
    answer = client.put(f"{URL}/{rep.id}/2026-06", json={"amount": "5.5"}, headers=auth_headers(director))
    assert answer.status_code == 200 and answer.json()["amount"] == "5.50"


def test_bad_input_answers_422_and_writes_nothing(client: TestClient, rep, admin, admin_headers) -> None:
    for period, amount, field in (
        ("2026-13", "10", "period"),
        ("2026-01", "-1", "amount"),
        ("2026-01", "1.234", "amount"),
        ("2026-01", None, "amount"),
    ):
        answer = client.put(f"{URL}/{rep.id}/{period}", json={"amount": amount}, headers=admin_headers)
        assert answer.status_code == 422 and field in answer.json()["error"]["fields"], answer.text
    assert (
        client.put(f"{URL}/{admin.id}/2026-01", json={"amount": "1"}, headers=admin_headers).status_code
        == 422
    )
    assert client.put(f"{URL}/9999/2026-01", json={"amount": "1"}, headers=admin_headers).status_code == 404
    assert client.get(f"{URL}?year=1800", headers=admin_headers).status_code == 422
    assert client.get(URL, headers=admin_headers).json()["total"] == 0
