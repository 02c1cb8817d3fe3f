"""REST: /invoice-templates (+ tokens, download) and POST /invoices/{id}/document {"template_id"}."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.services.people.permissions import set_permission
from tests.api.contract import is_error
from tests.conftest import make_opportunity
from tests.documents.samples import docx_text, docx_with
from tests.services.commerce.document_rows import make_quote, stored_files, use_files_dir
from tests.services.commerce.sold_deals import sold_deal

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TEMPLATES = "/api/v1/invoice-templates"
PUBLIC = {"id", "name", "filename", "size", "is_default", "created_at"}


@pytest.fixture(autouse=True)
def files_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test stores its files in a folder of its own."""
    return use_files_dir(tmp_path, monkeypatch)


def _upload(client: TestClient, headers: dict, name: str, text: str, path: str = TEMPLATES):  # noqa: ANN202
    files = {"file": (f"{name}.docx", docx_with(text), DOCX)}
    return client.post(path, data={"name": name}, files=files, headers=headers)


def _invoice(client: TestClient, session: Session, rep: User, rep_headers: dict) -> dict:
    deal = sold_deal(session, rep, name="Fleet renewal")
    session.commit()
    return client.post("/api/v1/invoices", json={"opportunity_id": deal.id}, headers=rep_headers).json()


def test_an_uploaded_invoice_template_fills_the_invoice_document(
    client: TestClient, session: Session, rep: User, rep_headers: dict, admin_headers: dict
) -> None:
    text = "Nr. {{ invoice.number }} · {{ invoice.amount }} {{ invoice.currency }} · {{ invoice.billed }}"
    answer = _upload(client, admin_headers, "Invoice DE", text)
    assert answer.status_code == 201, answer.text
    template = answer.json()
    assert set(template) == PUBLIC and template["is_default"] is False and template["name"] == "Invoice DE"
    invoice = _invoice(client, session, rep, rep_headers)
    made = client.post(
        f"/api/v1/invoices/{invoice['id']}/document",
        json={"template_id": template["id"]},
        headers=rep_headers,
    )
    assert made.status_code == 201, made.text
    download = client.get(made.json()["url"], headers=rep_headers)
    assert download.status_code == 200 and download.headers["content-type"] == DOCX
    assert f"Nr. {invoice['number']} · 1,500.00 CHF · Fleet renewal" in docx_text(download.content)


def test_lists_tokens_and_downloads_keep_quote_and_invoice_templates_apart(
    client: TestClient, admin_headers: dict
) -> None:
    invoice_id = _upload(client, admin_headers, "Invoice look", "{{ invoice.number }}").json()["id"]
    quote_id = _upload(client, admin_headers, "Quote look", "{{ total }}", "/api/v1/quote-templates").json()[
        "id"
    ]
    invoices = client.get(TEMPLATES, headers=admin_headers).json()
    assert [t["name"] for t in invoices["items"]] == ["Default invoice", "Invoice look"]
    assert (
        invoices["total"] == 2 and set(invoices["items"][0]) == PUBLIC and invoices["items"][0]["is_default"]
    )
    quotes = client.get("/api/v1/quote-templates", headers=admin_headers).json()
    assert [t["name"] for t in quotes["items"]] == ["Default quote", "Quote look"] and quotes["total"] == 2
    assert set(quotes["items"][1]) == PUBLIC | {"price_book_id"}
    tokens = {t["token"] for t in client.get(f"{TEMPLATES}/tokens", headers=admin_headers).json()}
    assert {"{{ invoice.number }}", "{{ invoice.due_date }}", "{{ account.zip_city }}"} <= tokens
    assert "{{ quote.number }}" not in tokens and "{{ total }}" not in tokens
    download = client.get(f"{TEMPLATES}/{invoice_id}/download", headers=admin_headers)
    assert download.status_code == 200 and "{{ invoice.number }}" in docx_text(download.content)
    is_error(client.get(f"{TEMPLATES}/{quote_id}/download", headers=admin_headers), 404, "not_found")
    is_error(
        client.get(f"/api/v1/quote-templates/{invoice_id}/download", headers=admin_headers), 404, "not_found"
    )


def test_an_unknown_token_is_refused_with_422_naming_it(
    client: TestClient, admin_headers: dict, files_dir: Path
) -> None:
    error = is_error(
        _upload(client, admin_headers, "Bad", "{{ invoice.numbr }} {{ quote.name }}"), 422, "validation_error"
    )
    assert "'invoice.numbr'" in error["fields"]["file"] and "'quote.name'" in error["fields"]["file"]
    quote_upload = _upload(
        client, admin_headers, "Bad quote", "{{ invoice.number }}", "/api/v1/quote-templates"
    )
    assert "'invoice.number'" in is_error(quote_upload, 422, "validation_error")["fields"]["file"]
    assert client.get(TEMPLATES, headers=admin_headers).json()["total"] == 1
    assert stored_files(files_dir) == []


def test_a_template_of_the_other_kind_is_refused_with_422(
    client: TestClient, session: Session, rep: User, rep_headers: dict, admin_headers: dict
) -> None:
    quote_template = _upload(
        client, admin_headers, "Quote look", "{{ total }}", "/api/v1/quote-templates"
    ).json()
    invoice_template = _upload(client, admin_headers, "Invoice look", "{{ invoice.number }}").json()
    invoice = _invoice(client, session, rep, rep_headers)
    quote = make_quote(session, make_opportunity(session, rep))
    session.commit()
    wrong = client.post(
        f"/api/v1/invoices/{invoice['id']}/document",
        json={"template_id": quote_template["id"]},
        headers=rep_headers,
    )
    assert "quote documents" in is_error(wrong, 422, "validation_error")["fields"]["template_id"]
    wrong = client.post(
        f"/api/v1/quotes/{quote.id}/document",
        json={"template_id": invoice_template["id"]},
        headers=rep_headers,
    )
    assert "invoice documents" in is_error(wrong, 422, "validation_error")["fields"]["template_id"]
    unknown = client.post(
        f"/api/v1/invoices/{invoice['id']}/document", json={"templat": 1}, headers=rep_headers
    )
    is_error(unknown, 422, "validation_error")


def test_delete_an_invoice_template_and_the_default_stays(
    client: TestClient, admin_headers: dict, files_dir: Path
) -> None:
    template_id = _upload(client, admin_headers, "Short-lived", "{{ invoice.number }}").json()["id"]
    is_error(client.delete(f"/api/v1/quote-templates/{template_id}", headers=admin_headers), 404, "not_found")
    assert client.delete(f"{TEMPLATES}/{template_id}", headers=admin_headers).status_code == 204
    assert stored_files(files_dir) == []
    is_error(client.delete(f"{TEMPLATES}/{template_id}", headers=admin_headers), 404, "not_found")
    default_id = client.get(TEMPLATES, headers=admin_headers).json()["items"][0]["id"]
    is_error(client.delete(f"{TEMPLATES}/{default_id}", headers=admin_headers), 409, "conflict")


def test_only_who_may_edit_price_books_manages_invoice_templates(
    client: TestClient, session: Session, admin: User, rep_headers: dict, admin_headers: dict
) -> None:
    template_id = _upload(client, admin_headers, "Admin's", "{{ invoice.number }}").json()["id"]
    is_error(_upload(client, rep_headers, "Rep's", "{{ invoice.number }}"), 403, "forbidden")
    is_error(client.delete(f"{TEMPLATES}/{template_id}", headers=rep_headers), 403, "forbidden")
    assert client.get(TEMPLATES, headers=rep_headers).json()["total"] == 2
    set_permission(session, admin, "rep", "price_books", "view", False)
    session.commit()
    is_error(client.get(TEMPLATES, headers=rep_headers), 403, "forbidden")
    is_error(client.get(f"{TEMPLATES}/{template_id}/download", headers=rep_headers), 403, "forbidden")
    assert client.get(f"{TEMPLATES}/tokens").status_code == 401
