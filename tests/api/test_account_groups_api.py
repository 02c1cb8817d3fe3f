"""REST /account-groups: list and create, names unique regardless of case."""

from __future__ import annotations


def test_groups_are_created_listed_and_unique(client, session, rep, auth_headers) -> None:
    session.commit()
    headers = auth_headers(rep)
    created = client.post("/api/v1/account-groups", json={"name": "Resellers"}, headers=headers)
    assert created.status_code == 201 and created.json()["name"] == "Resellers"
    clash = client.post("/api/v1/account-groups", json={"name": "resellers"}, headers=headers)
    assert clash.status_code == 409 and clash.json()["error"]["code"] == "conflict"
    empty = client.post("/api/v1/account-groups", json={"name": "  "}, headers=headers)
    assert empty.status_code == 422 and "name" in empty.json()["error"]["fields"]
    listed = client.get("/api/v1/account-groups", headers=headers).json()
    assert [g["name"] for g in listed["items"]] == ["Resellers"]


def test_account_joins_groups_and_filters_by_them(client, session, rep, auth_headers) -> None:
    session.commit()
    headers = auth_headers(rep)
    group = client.post("/api/v1/account-groups", json={"name": "Fair 2026"}, headers=headers).json()
    member = client.post(
        "/api/v1/accounts", json={"name": "In Group", "group_ids": [group["id"]]}, headers=headers
    ).json()
    client.post("/api/v1/accounts", json={"name": "Outside"}, headers=headers)
    assert member["group_ids"] == [group["id"]]
    listed = client.get(f"/api/v1/accounts?group_id={group['id']}", headers=headers).json()
    assert [a["name"] for a in listed["items"]] == ["In Group"]
    bad = client.post("/api/v1/accounts", json={"name": "X", "group_ids": [999]}, headers=headers)
    assert bad.status_code == 422 and "group_ids" in bad.json()["error"]["fields"]
