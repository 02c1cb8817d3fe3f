"""REST /permissions: admins edit the matrix; it answers 403 for forbidden actions on visible records."""

from __future__ import annotations


def test_admin_edits_matrix_and_rep_gets_403_on_a_forbidden_delete(
    client, session, admin, rep, auth_headers
) -> None:
    session.commit()
    as_admin, as_rep = auth_headers(admin), auth_headers(rep)
    account = client.post("/api/v1/accounts", json={"name": "Acme"}, headers=as_rep).json()
    matrix = client.patch(
        "/api/v1/permissions",
        json={"role": "rep", "entity": "accounts", "action": "delete", "allowed": False},
        headers=as_admin,
    )
    assert matrix.status_code == 200 and "delete" not in matrix.json()["rep"]["accounts"]
    refused = client.delete(f"/api/v1/accounts/{account['id']}", headers=as_rep)
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"
    assert client.get(f"/api/v1/accounts/{account['id']}", headers=as_rep).status_code == 200


def test_rep_cannot_edit_the_matrix_and_bad_cells_are_422(client, session, admin, rep, auth_headers) -> None:
    session.commit()
    cell = {"role": "rep", "entity": "accounts", "action": "view", "allowed": False}
    assert client.patch("/api/v1/permissions", json=cell, headers=auth_headers(rep)).status_code == 403
    bad = client.patch("/api/v1/permissions", json={**cell, "role": "admin"}, headers=auth_headers(admin))
    assert bad.status_code == 422 and "role" in bad.json()["error"]["fields"]
    assert client.get("/api/v1/permissions", headers=auth_headers(rep)).json()["rep"]["accounts"] == [
        "view",
        "add",
        "edit",
        "delete",
    ]
