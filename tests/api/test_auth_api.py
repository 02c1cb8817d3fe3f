"""REST /auth: logging in for a bearer token, wrong credentials, logging out; the OpenAPI page."""

from __future__ import annotations

from datetime import datetime

from fastapi.testclient import TestClient
from sqlmodel import Session

from tests.conftest import make_user


def test_login_returns_a_bearer_token_that_opens_the_api(client: TestClient, session: Session, rep) -> None:
    session.commit()
    answer = client.post(
        "/api/v1/auth/token", json={"email": "RITA@example.com ", "password": "secret-password"}
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["token_type"] == "bearer" and len(body["access_token"]) >= 32
    assert datetime.fromisoformat(body["expires_at"]).tzinfo is not None
    assert "password_hash" not in body["user"]
    me = client.get("/api/v1/users/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.status_code == 200 and me.json()["email"] == "rita@example.com"


def test_wrong_password_answers_401_with_clear_message(client: TestClient, session: Session, rep) -> None:
    session.commit()
    answer = client.post("/api/v1/auth/token", json={"email": rep.email, "password": "not-the-password"})
    assert answer.status_code == 401
    assert answer.json() == {
        "error": {"code": "unauthorized", "message": "Wrong e-mail or password.", "fields": {}}
    }
    assert answer.headers["www-authenticate"] == "Bearer"


def test_unknown_email_answers_the_same_401_as_a_wrong_password(client: TestClient) -> None:
    answer = client.post("/api/v1/auth/token", json={"email": "nobody@example.com", "password": "whatever1"})
    assert answer.status_code == 401
    assert answer.json()["error"]["message"] == "Wrong e-mail or password."


def test_deactivated_user_cannot_log_in(client: TestClient, session: Session) -> None:
    gone = make_user(session, active=False)
    session.commit()
    answer = client.post("/api/v1/auth/token", json={"email": gone.email, "password": "secret-password"})
    assert answer.status_code == 401


def test_login_without_password_answers_422_naming_the_field(client: TestClient) -> None:
    answer = client.post("/api/v1/auth/token", json={"email": "rita@example.com"})
    assert answer.status_code == 422
    assert answer.json()["error"]["fields"] == {"password": "Field required"}


def test_logout_revokes_the_token(client: TestClient, rep_headers: dict[str, str]) -> None:
    assert client.get("/api/v1/users/me", headers=rep_headers).status_code == 200
    assert client.post("/api/v1/auth/logout", headers=rep_headers).status_code == 204
    after = client.get("/api/v1/users/me", headers=rep_headers)
    assert after.status_code == 401 and after.json()["error"]["code"] == "unauthorized"


def test_logout_without_a_token_answers_401(client: TestClient) -> None:
    assert client.post("/api/v1/auth/logout").status_code == 401


def test_openapi_document_is_served(client: TestClient) -> None:
    answer = client.get("/api/v1/openapi.json")
    assert answer.status_code == 200
    paths = answer.json()["paths"]
    for path in (
        "/api/v1/auth/token",
        "/api/v1/users/me",
        "/api/v1/settings",
        "/api/v1/contacts",
        "/api/v1/opportunities/{record_id}/history",
        "/api/v1/stages",
        "/api/v1/activities",
        "/api/v1/search",
    ):
        assert path in paths
