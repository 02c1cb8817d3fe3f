"""REST: quote templates (+ tokens), POST /quotes/{id}/document, attachments of an opportunity."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from rxcrm.db.models import QuoteTemplate, User
from tests.api.conftest import HeadersFor
from tests.conftest import make_account, make_opportunity, make_user
from tests.documents.samples import docx_text, docx_with
from tests.services.commerce.document_rows import make_quote, stored_files, use_files_dir

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(autouse=True)
def files_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test stores its files in a folder of its own."""
    return use_files_dir(tmp_path, monkeypatch)


def _quote(session: Session, owner: User, name: str = "Angebot für Müller") -> tuple[int, int]:
    account = make_account(session, name="Müller & Co <GmbH>", street="Hauptstraße 5")
    deal = make_opportunity(session, owner, account_id=account.id)
    quote = make_quote(session, deal, name=name)
    session.commit()
    return deal.id, quote.id


def test_tokens_are_listed(client: TestClient, rep_headers: dict) -> None:
    answer = client.get("/api/v1/quote-templates/tokens", headers=rep_headers)
    assert answer.status_code == 200
    tokens = {t["token"]: t["meaning"] for t in answer.json()}
    assert "{{ account.name }}" in tokens and "{{ quote.valid_until }}" in tokens and tokens["{{ total }}"]


def test_generate_list_download_delete(
    client: TestClient, session: Session, rep: User, rep_headers: dict, files_dir: Path
) -> None:
    deal_id, quote_id = _quote(session, rep)
    created = client.post(f"/api/v1/quotes/{quote_id}/document", json={}, headers=rep_headers)
    assert created.status_code == 201, created.text
    body = created.json()
    assert set(body) == {"id", "filename", "url", "created_at"}
    assert body["url"] == f"/api/v1/attachments/{body['id']}/download"
    assert body["filename"].startswith("Angebot für Müller ") and body["filename"].endswith(".docx")
    listed = client.get(f"/api/v1/opportunities/{deal_id}/attachments", headers=rep_headers).json()
    assert listed["total"] == 1 and listed["limit"] == 50 and listed["offset"] == 0
    item = listed["items"][0]
    assert (item["id"], item["opportunity_id"], item["quote_id"]) == (body["id"], deal_id, quote_id)
    assert item["created_by"] == "Rita Rep" and item["content_type"] == DOCX
    download = client.get(body["url"], headers=rep_headers)
    assert download.status_code == 200 and download.headers["content-type"] == DOCX
    disposition = download.headers["content-disposition"]
    assert disposition.startswith("attachment;")
    assert unquote(disposition.split("filename*=UTF-8''")[1]) == body["filename"]
    text = docx_text(download.content)
    assert "Müller & Co <GmbH>" in text and "Hauptstraße 5" in text and "{{" not in text
    assert client.delete(f"/api/v1/attachments/{body['id']}", headers=rep_headers).status_code == 204
    assert client.get(body["url"], headers=rep_headers).status_code == 404
    assert (
        client.get(f"/api/v1/opportunities/{deal_id}/attachments", headers=rep_headers).json()["total"] == 0
    )
    assert stored_files(files_dir) == []


def test_a_body_is_optional_and_unknown_fields_refused(
    client: TestClient, session: Session, rep: User, rep_headers: dict
) -> None:
    _, quote_id = _quote(session, rep)
    assert client.post(f"/api/v1/quotes/{quote_id}/document", headers=rep_headers).status_code == 201
    answer = client.post(f"/api/v1/quotes/{quote_id}/document", json={"templat": 1}, headers=rep_headers)
    assert answer.status_code == 422 and answer.json()["error"]["code"] == "validation_error"
    answer = client.post(
        f"/api/v1/quotes/{quote_id}/document", json={"template_id": 99999}, headers=rep_headers
    )
    assert answer.status_code == 422 and "template_id" in answer.json()["error"]["fields"]


def test_a_hidden_deal_answers_404_everywhere(
    client: TestClient, session: Session, rep: User, rep_headers: dict, auth_headers: HeadersFor
) -> None:
    deal_id, quote_id = _quote(session, rep)
    attachment_id = client.post(f"/api/v1/quotes/{quote_id}/document", headers=rep_headers).json()["id"]
    limited = make_user(session, access_level="limited_opportunities")
    session.commit()
    other = auth_headers(limited)
    for method, url in (
        ("post", f"/api/v1/quotes/{quote_id}/document"),
        ("get", f"/api/v1/opportunities/{deal_id}/attachments"),
        ("get", f"/api/v1/attachments/{attachment_id}/download"),
        ("delete", f"/api/v1/attachments/{attachment_id}"),
        ("post", "/api/v1/quotes/424242/document"),
        ("get", "/api/v1/attachments/424242/download"),
    ):
        answer = client.request(method, url, headers=other)
        assert answer.status_code == 404, (method, url, answer.text)
        assert answer.json()["error"]["code"] == "not_found"
    assert client.get(f"/api/v1/attachments/{attachment_id}/download", headers=rep_headers).status_code == 200


def test_downloads_need_the_bearer_token(
    client: TestClient, session: Session, rep: User, rep_headers: dict
) -> None:
    _, quote_id = _quote(session, rep)
    url = client.post(f"/api/v1/quotes/{quote_id}/document", headers=rep_headers).json()["url"]
    assert client.get(url).status_code == 401


def test_upload_list_and_delete_a_template(
    client: TestClient, session: Session, admin_headers: dict, files_dir: Path
) -> None:
    data = docx_with("{{ account.name }} — {{ total }}")
    files = {"file": ("Marke A.docx", data, DOCX)}
    answer = client.post(
        "/api/v1/quote-templates", data={"name": "Brand A"}, files=files, headers=admin_headers
    )
    assert answer.status_code == 201, answer.text
    template = answer.json()
    assert (template["name"], template["filename"], template["size"]) == (
        "Brand A",
        "Marke A.docx",
        len(data),
    )
    assert template["is_default"] is False and template["price_book_id"] is None
    listed = client.get("/api/v1/quote-templates", headers=admin_headers).json()
    assert listed["total"] == 2 and listed["items"][0]["is_default"] is True
    assert [t["id"] for t in listed["items"]][1:] == [template["id"]]
    download = client.get(f"/api/v1/quote-templates/{template['id']}/download", headers=admin_headers)
    assert download.content == data
    assert (
        client.delete(f"/api/v1/quote-templates/{template['id']}", headers=admin_headers).status_code == 204
    )
    default_id = listed["items"][0]["id"]
    assert client.delete(f"/api/v1/quote-templates/{default_id}", headers=admin_headers).status_code == 409
    assert stored_files(files_dir) == []


def test_an_unknown_token_is_refused_with_422_naming_it_and_nothing_stored(
    client: TestClient, session: Session, admin_headers: dict, files_dir: Path
) -> None:
    files = {"file": ("bad.docx", docx_with("Dear {{ contact.nam }}"), DOCX)}
    answer = client.post("/api/v1/quote-templates", data={"name": "Bad"}, files=files, headers=admin_headers)
    assert answer.status_code == 422
    error = answer.json()["error"]
    assert error["code"] == "validation_error" and "contact.nam" in error["fields"]["file"]
    assert "contact.nam" in error["message"]
    rows = session.exec(select(QuoteTemplate)).all()
    assert sorted(t.name for t in rows) == ["Default invoice", "Default quote"]
    assert stored_files(files_dir) == []


def test_upload_refusals(client: TestClient, rep_headers: dict, admin_headers: dict) -> None:
    files = {"file": ("a.docx", docx_with("x"), DOCX)}
    answer = client.post("/api/v1/quote-templates", data={"name": "A"}, files=files, headers=rep_headers)
    assert answer.status_code == 403
    answer = client.post("/api/v1/quote-templates", data={"name": "A"}, headers=admin_headers)
    assert answer.status_code == 422 and "file" in answer.json()["error"]["fields"]
    files = {"file": ("a.docx", b"not a zip", DOCX)}
    answer = client.post("/api/v1/quote-templates", data={"name": "A"}, files=files, headers=admin_headers)
    assert answer.status_code == 422 and "not a Word .docx" in answer.json()["error"]["fields"]["file"]
