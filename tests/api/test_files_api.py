"""REST: files on accounts, contacts, deals, leads and price books (upload, list, download, delete)."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from rxcrm.api.records.files import RESOURCES
from rxcrm.db.models import User
from rxcrm.settings import deployment
from tests.api.conftest import HeadersFor
from tests.conftest import make_account, make_partner, make_user
from tests.services.commerce.document_rows import stored_files, use_files_dir
from tests.services.commerce.quote_rows import make_book
from tests.services.test_files import records_of_every_kind

PNG = b"\x89PNG\r\n\x1a\n" + os.urandom(50_000)


@pytest.fixture(autouse=True)
def files_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test stores its files in a folder of its own."""
    return use_files_dir(tmp_path, monkeypatch)


def test_upload_list_download_delete_on_every_kind_of_record(
    client: TestClient, session: Session, rep: User, admin: User, auth_headers: HeadersFor, files_dir: Path
) -> None:
    records = records_of_every_kind(session, rep)
    session.commit()
    for path, entity in RESOURCES.items():
        record_id = records[entity]
        headers = auth_headers(admin if path == "price-books" else rep)
        url = f"/api/v1/{path}/{record_id}/attachments"
        sent = {"file": ("Über uns/../plan.png", PNG, "text/html")}
        created = client.post(url, files=sent, headers=headers)
        assert created.status_code == 201, created.text
        body = created.json()
        assert (body["filename"], body["content_type"], body["size"]) == ("plan.png", "image/png", len(PNG))
        assert body["entity_id"] == record_id and body["url"] == f"/api/v1/attachments/{body['id']}/download"
        assert body["opportunity_id"] == (record_id if path == "opportunities" else None)
        listed = client.get(url, headers=headers).json()
        assert listed["total"] == 1 and listed["items"][0]["id"] == body["id"]
        download = client.get(body["url"], headers=headers)
        assert download.status_code == 200 and download.content == PNG
        assert download.headers["content-type"] == "image/png"
        assert download.headers["content-disposition"].startswith("attachment;")
        assert download.headers["x-content-type-options"] == "nosniff"
        assert client.delete(f"/api/v1/attachments/{body['id']}", headers=headers).status_code == 204
        assert client.get(body["url"], headers=headers).status_code == 404
    session.commit()
    assert stored_files(files_dir) == []


def test_html_is_stored_as_octet_stream_and_always_downloaded(
    client: TestClient, session: Session, rep: User, rep_headers: dict
) -> None:
    account = make_account(session, owner_id=rep.id)
    session.commit()
    page = b"<!doctype html><script>document.cookie</script>"
    sent = {"file": ("evil<1>.html", page, "text/html")}
    body = client.post(f"/api/v1/accounts/{account.id}/attachments", files=sent, headers=rep_headers).json()
    assert body["content_type"] == "application/octet-stream"
    download = client.get(body["url"], headers=rep_headers)
    assert download.content == page and download.headers["content-type"] == "application/octet-stream"
    disposition = download.headers["content-disposition"]
    assert disposition.startswith("attachment;") and unquote(disposition.split("''")[1]) == "evil_1_.html"


def test_hidden_records_and_their_files_are_not_found(
    client: TestClient, session: Session, rep: User, auth_headers: HeadersFor
) -> None:
    other = make_user(session)
    private = make_account(session, owner_id=other.id, created_by_id=other.id, is_private=True)
    partner = make_user(session, role="partner", partner_id=make_partner(session).id)
    session.commit()
    owner_headers = auth_headers(other)
    url = f"/api/v1/accounts/{private.id}/attachments"
    body = client.post(url, files={"file": ("a.txt", b"secret")}, headers=owner_headers).json()
    for headers in (auth_headers(rep), auth_headers(partner)):
        assert client.get(url, headers=headers).status_code == 404
        assert client.post(url, files={"file": ("b.txt", b"x")}, headers=headers).status_code == 404
        assert client.get(body["url"], headers=headers).status_code == 404
        assert client.delete(f"/api/v1/attachments/{body['id']}", headers=headers).status_code == 404
    assert client.get("/api/v1/attachments/999999/download", headers=owner_headers).status_code == 404
    assert client.get("/api/v1/accounts/999999/attachments", headers=owner_headers).status_code == 404
    assert client.get(body["url"], headers=owner_headers).content == b"secret"


def test_a_rep_may_not_change_price_book_files(
    client: TestClient, session: Session, rep_headers: dict
) -> None:
    book = make_book(session)
    session.commit()
    url = f"/api/v1/price-books/{book.id}/attachments"
    answer = client.post(url, files={"file": ("a.txt", b"x")}, headers=rep_headers)
    assert answer.status_code == 403
    assert client.get(url, headers=rep_headers).json()["total"] == 0


def test_too_large_files_are_refused(
    client: TestClient, session: Session, rep: User, rep_headers: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    account = make_account(session, owner_id=rep.id)
    session.commit()
    monkeypatch.setenv("RXCRM_MAX_UPLOAD_MB", "1")
    deployment.cache_clear()
    url = f"/api/v1/accounts/{account.id}/attachments"
    over_limit = client.post(url, files={"file": ("big.txt", b"x" * (2**20 + 10))}, headers=rep_headers)
    assert over_limit.status_code == 422
    assert over_limit.json()["error"]["fields"] == {"file": "the file is larger than 1 MB"}
    over_cap = client.post(url, files={"file": ("huge.txt", b"x" * (2 * 2**20))}, headers=rep_headers)
    assert over_cap.status_code == 413 and over_cap.json()["error"]["code"] == "validation_error"
    empty = client.post(url, files={"file": ("empty.txt", b"")}, headers=rep_headers)
    assert empty.status_code == 422 and empty.json()["error"]["fields"] == {"file": "the file is empty"}
    not_multipart = client.post(url, json={"file": "x"}, headers=rep_headers)
    assert not_multipart.status_code == 422 and "file" in not_multipart.json()["error"]["fields"]
    wrong_field = client.post(url, files={"document": ("a.txt", b"x")}, headers=rep_headers)
    assert wrong_field.status_code == 422
    assert client.get(url, headers=rep_headers).json()["total"] == 0


def test_uploading_needs_a_login(client: TestClient, session: Session, rep: User) -> None:
    account = make_account(session, owner_id=rep.id)
    session.commit()
    answer = client.post(f"/api/v1/accounts/{account.id}/attachments", files={"file": ("a.txt", b"x")})
    assert answer.status_code == 401
