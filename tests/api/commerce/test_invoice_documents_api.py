"""REST: POST /invoices/{id}/document — the .docx kept on the deal, downloadable; 404 for hidden invoices."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from tests.api.conftest import HeadersFor
from tests.api.contract import is_error
from tests.conftest import make_user
from tests.documents.samples import docx_text
from tests.services.commerce.document_rows import use_files_dir
from tests.services.commerce.sold_deals import sold_deal

INVOICES = "/api/v1/invoices"


@pytest.fixture(autouse=True)
def files_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test stores its files in a folder of its own."""
    return use_files_dir(tmp_path, monkeypatch)


def test_the_document_is_made_listed_on_the_deal_and_downloaded(
    client: TestClient, session: Session, rep, rep_headers, auth_headers: HeadersFor
) -> None:
    deal = sold_deal(session, rep)
    stranger = make_user(session, access_level="limited_opportunities")
    session.commit()
    invoice = client.post(INVOICES, json={"opportunity_id": deal.id}, headers=rep_headers).json()
    made = client.post(f"{INVOICES}/{invoice['id']}/document", headers=rep_headers)
    assert made.status_code == 201, made.text
    document = made.json()
    assert set(document) == {"id", "filename", "url", "created_at"}
    assert document["filename"].startswith(f"Invoice {invoice['number']} ")
    files = client.get(f"/api/v1/opportunities/{deal.id}/attachments", headers=rep_headers).json()["items"]
    assert document["id"] in [f["id"] for f in files]
    download = client.get(document["url"], headers=rep_headers)
    assert download.status_code == 200
    text = docx_text(download.content)
    assert invoice["number"] in text and "1,500.00 CHF" in text
    theirs = auth_headers(stranger)
    is_error(client.post(f"{INVOICES}/{invoice['id']}/document", headers=theirs), 404, "not_found")
    is_error(client.get(document["url"], headers=theirs), 404, "not_found")
    is_error(client.post(f"{INVOICES}/999999/document", headers=rep_headers), 404, "not_found")
