"""REST: /settings/smtp — admins only, the password is write-only, a test e-mail reaches the server."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from rxcrm.db.models import User
from tests.services.commerce.mail_server import free_port, mail_files, smtp_server  # noqa: F401

pytestmark = pytest.mark.usefixtures("mail_files")
URL = "/api/v1/settings/smtp"
SECRET = "correct horse battery"


def test_the_password_is_accepted_but_never_answered(client: TestClient, admin_headers: dict) -> None:
    body = {
        "host": "mail.example.com",
        "port": 587,
        "user": "crm",
        "password": SECRET,
        "sender": "crm@example.com",
    }
    saved = client.patch(URL, json=body, headers=admin_headers)
    assert saved.status_code == 200
    answers = [
        saved,
        client.get(URL, headers=admin_headers),
        client.get("/api/v1/settings", headers=admin_headers),
    ]
    assert all(SECRET not in a.text and '"password"' not in a.text for a in answers)
    assert saved.json()["password_set"] is True and saved.json()["source"] == "settings"
    cleared = client.patch(URL, json={"password": None, "user": None}, headers=admin_headers)
    assert cleared.json()["password_set"] is False and cleared.json()["host"] == "mail.example.com"


def test_non_admins_get_403(client: TestClient, rep_headers: dict) -> None:
    assert client.get(URL, headers=rep_headers).status_code == 403
    assert client.patch(URL, json={"host": "h"}, headers=rep_headers).status_code == 403
    assert client.post(f"{URL}/test", headers=rep_headers).status_code == 403


@pytest.mark.parametrize(
    ("body", "field"),
    [({"host": "h", "port": 0}, "port"), ({"user": "u"}, "host"), ({"host": "h", "sender": "x@"}, "sender")],
)
def test_bad_settings_answer_422_naming_the_field(
    client: TestClient, admin_headers: dict, body: dict, field: str
) -> None:
    answer = client.patch(URL, json=body, headers=admin_headers)
    assert answer.status_code == 422
    assert field in str(answer.json()["error"]["fields"])
    assert client.get(URL, headers=admin_headers).json()["host"] is None


def test_the_test_email_goes_to_the_admin_or_says_why_not(
    client: TestClient, admin: User, admin_headers: dict
) -> None:
    nothing = client.post(f"{URL}/test", headers=admin_headers)  # no server yet
    assert nothing.status_code == 200 and "No mail server is set up" in nothing.json()["error"]
    port = free_port()
    client.patch(URL, json={"host": "127.0.0.1", "port": port, "starttls": False}, headers=admin_headers)
    failed = client.post(f"{URL}/test", headers=admin_headers).json()
    assert failed["status"] == "failed" and "cannot be reached" in failed["error"]
    with smtp_server(port) as inbox:
        sent = client.post(f"{URL}/test", headers=admin_headers)
    assert sent.json() == {"to": admin.email, "status": "sent", "error": ""}
    assert inbox.recipients == [[admin.email]]
