"""In Chromium: an admin uploads an invoice template in Settings, then prints an invoice with it."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from playwright.sync_api import Page, expect

from tests.documents.samples import docx_with
from tests.ui.rest import ADMIN, Rest
from tests.ui.test_accounts_flow import log_in

TEMPLATE = "RECHNUNG {{ invoice.number }} — {{ account.name }} — {{ invoice.amount }} {{ invoice.currency }}"


def _texts(path: Path) -> str:
    document = Document(str(path))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _invoice(admin: Rest) -> tuple[dict, dict]:
    account = admin.create("/accounts", name="Template Buyer GmbH")
    deal = admin.create("/opportunities", name="Template Roll-out", account_id=account["id"])
    quote = admin.create("/quotes", opportunity_id=deal["id"], name="Offer", currency="EUR")
    admin.create(f"/quotes/{quote['id']}/items", name="Set-up", quantity="3", unit="day", unit_price="400.00")
    admin.call("POST", f"/opportunities/{deal['id']}/sold")
    return account, admin.create("/invoices", opportunity_id=deal["id"])


def test_an_uploaded_invoice_template_prints_the_invoice(page: Page, app_server: str, tmp_path: Path) -> None:
    admin = Rest(app_server)
    account, invoice = _invoice(admin)
    log_in(page, app_server, *ADMIN)
    expect(page.get_by_test_id("nav-pipeline")).to_be_visible(timeout=15_000)
    page.goto(f"{app_server}/settings/documents")
    section = page.get_by_test_id("invoice-templates")
    expect(section.get_by_test_id("invoice-template-row")).to_contain_text("Default invoice", timeout=15_000)
    rows_before = section.get_by_test_id("invoice-template-row").count()
    page.get_by_test_id("invoice-template-name").fill("Rechnung DE")
    page.get_by_test_id("invoice-template-name").press("Tab")  # the typed name reaches the server now
    upload = section.get_by_test_id("invoice-template-upload").locator("input[type=file]")
    upload.set_input_files(
        files=[
            {"name": "rechnung.docx", "mimeType": "application/octet-stream", "buffer": docx_with(TEMPLATE)}
        ]
    )
    expect(section.get_by_test_id("invoice-template-row")).to_have_count(rows_before + 1, timeout=10_000)
    expect(section).to_contain_text("Rechnung DE")
    expect(page.get_by_test_id("quote-templates")).not_to_contain_text("Rechnung DE")

    page.goto(f"{app_server}/accounts/{account['id']}?tab=invoices")
    expect(page.get_by_test_id(f"invoice-row-{invoice['id']}")).to_contain_text(
        invoice["number"], timeout=15_000
    )
    page.get_by_test_id(f"invoice-document-{invoice['id']}").click()
    page.get_by_test_id("invoice-document-template").click()
    page.get_by_role("option", name="Rechnung DE", exact=True).click()
    with page.expect_download(timeout=20_000) as generated:
        page.get_by_test_id("invoice-document-generate").click()
    download = generated.value
    assert download.suggested_filename.startswith(f"Invoice {invoice['number']} ")
    saved = tmp_path / "invoice.docx"
    download.save_as(saved)
    assert f"RECHNUNG {invoice['number']} — Template Buyer GmbH — 1,200.00 EUR" in _texts(saved)
