"""REST: a file through a download link from the app: no bearer header, bound to its user, one minute."""

from __future__ import annotations

import logging
import os
import re
import time
from pathlib import Path
from urllib.parse import unquote

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from rxcrm.db.models import Account, User
from rxcrm.domain.records.download_links import LIFETIME_S
from rxcrm.services.records import files
from rxcrm.services.records.downloads import SECRET_FILE, download_link
from tests.api.conftest import HeadersFor
from tests.conftest import make_account, make_user
from tests.services.commerce.document_rows import use_files_dir

PDF = b"%PDF-1.7\n" + os.urandom(600_000)  # more than one streamed chunk


@pytest.fixture(autouse=True)
def files_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test stores its files (and the link secret) in a folder of its own."""
    return use_files_dir(tmp_path, monkeypatch)


def _file(session: Session, rep: User, name: str = "Angebot Müller.pdf") -> int:
    account = make_account(session, owner_id=rep.id)
    kept = files.upload_file(session, rep, "account", account.id, name, PDF)
    session.commit()
    return kept.id


def _error(answer) -> dict:  # noqa: ANN001
    assert answer.status_code == 404 and answer.headers["content-type"] == "application/json"
    return answer.json()["error"]


def test_the_link_streams_the_same_bytes_without_a_bearer_header(
    client: TestClient, session: Session, rep: User
) -> None:
    link = download_link(session, rep, "attachment", _file(session, rep))
    answer = client.get(link.path)
    assert answer.status_code == 200 and answer.content == PDF
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.headers["content-length"] == str(len(PDF))
    disposition = answer.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="Angebot M_ller.pdf"; ')
    assert unquote(disposition.split("filename*=UTF-8''")[1]) == "Angebot Müller.pdf"
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["cache-control"] == "private, no-store"
    assert "default-src 'none'" in answer.headers["content-security-policy"]


def test_an_expired_or_altered_link_is_not_found_as_json(
    client: TestClient, session: Session, rep: User
) -> None:
    file_id = _file(session, rep)
    expired = download_link(session, rep, "attachment", file_id, now=time.time() - LIFETIME_S - 1)
    assert _error(client.get(expired.path))["code"] == "not_found"
    path = download_link(session, rep, "attachment", file_id).path
    sealed = path.rsplit(".", 1)[1]
    other_letter = "B" if sealed[5] == "A" else "A"
    for altered in (
        path.replace(f"/{file_id}.", f"/{file_id + 1}."),
        path[: -len(sealed)] + sealed[:5] + other_letter + sealed[6:],
        f"/api/v1/downloads/{file_id}",
        "/api/v1/downloads/" + "9" * 300,
    ):
        assert client.get(altered).status_code in (404, 422), altered
    assert "expired or is not valid" in _error(client.get(path[:-1]))["message"]
    assert client.get(path).content == PDF


def test_the_link_works_for_its_user_only_while_they_may_see_the_file(
    client: TestClient, session: Session, rep: User, auth_headers: HeadersFor
) -> None:
    file_id = _file(session, rep)
    path = download_link(session, rep, "attachment", file_id).path
    other = make_user(session)
    session.commit()
    # another user's session does not change whose link it is; the token alone decides
    assert client.get(path, headers=auth_headers(other)).content == PDF
    record = session.get(Account, files.get_file(session, rep, file_id).entity_id)
    record.owner_id, record.created_by_id, record.is_private = other.id, other.id, True
    session.add(record)
    session.commit()
    assert _error(client.get(path))["message"] == f"attachment {file_id} not found"
    assert client.get(download_link(session, other, "attachment", file_id).path).content == PDF


def test_the_link_leaks_nothing_in_the_logs_beyond_the_file_id(
    client: TestClient, session: Session, rep: User, files_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    file_id = _file(session, rep, name="Geheimplan Q3.pdf")
    path = download_link(session, rep, "attachment", file_id).path
    assert client.get(path).content == PDF
    assert client.get(path[:-2]).status_code == 404
    secret = (files_dir / SECRET_FILE).read_text().strip()
    logged = "\n".join(r.getMessage() for r in caplog.records)
    for leak in ("Geheimplan", rep.email, rep.name, secret):
        assert leak not in logged
    # a request line (as an access log writes it) shows the file id; the rest is sealed and expires
    requested = re.findall(r"/api/v1/downloads/([^ ]+)", logged)
    assert requested and all(re.fullmatch(rf"{file_id}\.[A-Za-z0-9_-]+", r) for r in requested)


def test_the_route_is_declared_without_a_bearer_scheme(client: TestClient) -> None:
    operation = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/downloads/{token}"]["get"]
    assert operation["security"] == [] and "200" in operation["responses"]
