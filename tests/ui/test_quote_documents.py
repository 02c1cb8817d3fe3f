"""In Chromium: generate a quote's Word document, download it, find it on the Attachments tab, delete it."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from playwright.sync_api import Page, expect

from tests.ui.rest import ADMIN, Rest
from tests.ui.test_accounts_flow import log_in

REP = ("docs.rep@rxcrm.test", "docs-rep-secret-1")


def _texts(path: Path) -> str:
    document = Document(str(path))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _deal_with_quote(rep: Rest) -> tuple[dict, dict]:
    account = rep.create("/accounts", name="شركة الأمل", street="Hauptstraße 5", zip="10115", city="Berlin")
    deal = rep.create("/opportunities", name="Document Flow Deal", account_id=account["id"])
    quote = rep.create("/quotes", opportunity_id=deal["id"], name="Offer 北京")
    for name in ("Widget A", "Widget B", "Жанна service"):
        rep.call("POST", f"/quotes/{quote['id']}/items", 201, name=name, quantity="2", unit_price="50.00")
    return deal, quote


def test_rep_generates_downloads_and_deletes_a_quote_document(
    page: Page, app_server: str, tmp_path: Path
) -> None:
    Rest(app_server).user(REP[0], "Dora Docs", REP[1])
    rep = Rest(app_server, *REP)
    deal, quote = _deal_with_quote(rep)

    log_in(page, app_server, *REP)
    expect(page.get_by_test_id("nav-pipeline")).to_be_visible(timeout=15_000)
    page.goto(f"{app_server}/opportunities/{deal['id']}")
    page.get_by_test_id("tab-quotes").click()
    expect(page.get_by_test_id(f"quote-row-{quote['id']}")).to_contain_text("Offer 北京", timeout=10_000)
    expect(page.get_by_test_id("quote-total")).to_have_text("300.00 EUR", timeout=10_000)
    with page.expect_download(timeout=20_000) as generated:
        page.get_by_test_id("quote-document").click()
    download = generated.value
    assert download.suggested_filename.startswith("Offer 北京 ")
    assert download.suggested_filename.endswith(".docx")
    saved = tmp_path / "generated.docx"
    download.save_as(saved)
    text = _texts(saved)
    for value in ("شركة الأمل", "Hauptstraße 5", "10115 Berlin", "Dora Docs", "Widget A", "Жанна service"):
        assert value in text, value
    assert "300.00 EUR" in text and "{{" not in text

    files = rep.call("GET", f"/opportunities/{deal['id']}/attachments")["items"]
    assert len(files) == 1 and files[0]["quote_id"] == quote["id"]
    attachment_id = files[0]["id"]
    page.get_by_test_id("tab-attachments").click()
    link = page.get_by_test_id(f"attachment-{attachment_id}")
    expect(link).to_contain_text(download.suggested_filename, timeout=10_000)
    expect(page.get_by_test_id("attachment-row")).to_contain_text("Dora Docs")
    with page.expect_download(timeout=20_000) as again:
        link.click()
    again.value.save_as(tmp_path / "again.docx")
    assert (tmp_path / "again.docx").read_bytes() == saved.read_bytes()

    page.get_by_test_id(f"attachment-delete-{attachment_id}").click()
    page.get_by_test_id("confirm").click()
    expect(page.get_by_test_id("attachment-row")).to_have_count(0, timeout=10_000)
    assert rep.call("GET", f"/opportunities/{deal['id']}/attachments")["total"] == 0


def test_the_attachments_tab_lists_documents_made_elsewhere(
    page: Page, app_server: str, tmp_path: Path
) -> None:
    admin = Rest(app_server)
    deal, quote = _deal_with_quote(admin)
    made = admin.create(f"/quotes/{quote['id']}/document")
    log_in(page, app_server, *ADMIN)
    expect(page.get_by_test_id("nav-pipeline")).to_be_visible(timeout=15_000)
    page.goto(f"{app_server}/opportunities/{deal['id']}")
    page.get_by_test_id("tab-attachments").click()
    link = page.get_by_test_id(f"attachment-{made['id']}")
    expect(link).to_contain_text(made["filename"], timeout=10_000)
    with page.expect_download(timeout=20_000) as downloaded:
        link.click()
    assert downloaded.value.suggested_filename == made["filename"]
    downloaded.value.save_as(tmp_path / "made.docx")
    assert "Offer 北京" in _texts(tmp_path / "made.docx")


def test_admin_uploads_quote_templates_on_the_price_book_page(page: Page, app_server: str) -> None:
    from tests.documents.samples import docx_with

    admin = Rest(app_server)
    book = admin.create("/price-books", name="Template Book")
    log_in(page, app_server, *ADMIN)
    expect(page.get_by_test_id("nav-pipeline")).to_be_visible(timeout=15_000)
    page.goto(f"{app_server}/price-books/{book['id']}")
    section = page.get_by_test_id("quote-templates")
    expect(section.get_by_test_id("quote-template-row")).to_have_count(1, timeout=15_000)  # the default
    expect(section.get_by_test_id("quote-template-row")).to_contain_text("Default quote")
    upload = section.get_by_test_id("quote-template-upload").locator("input[type=file]")
    bad = docx_with("Dear {{ contact.nam }}")
    upload.set_input_files(
        files=[{"name": "bad.docx", "mimeType": "application/octet-stream", "buffer": bad}]
    )
    expect(page.get_by_test_id("quote-template-error")).to_contain_text("contact.nam", timeout=10_000)
    expect(section.get_by_test_id("quote-template-row")).to_have_count(1)

    page.get_by_test_id("quote-template-name").fill("Brand template")
    page.get_by_test_id("quote-template-name").press("Tab")  # the typed name reaches the server now
    good = docx_with("Dear {{ contact.name }}, {{ total }}")
    upload.set_input_files(
        files=[{"name": "brand.docx", "mimeType": "application/octet-stream", "buffer": good}]
    )
    expect(section.get_by_test_id("quote-template-row")).to_have_count(2, timeout=10_000)
    expect(section.get_by_test_id("quote-template-row").nth(1)).to_contain_text("Brand template")
    expect(page.get_by_test_id("quote-template-error")).to_have_count(0)
    templates = admin.call("GET", f"/quote-templates?price_book_id={book['id']}")["items"]
    assert [(t["name"], t["price_book_id"]) for t in templates] == [
        ("Default quote", None),
        ("Brand template", book["id"]),
    ]
    section.get_by_text("Tokens a template can use").click()
    expect(section.get_by_text("{{ account.street }}")).to_be_visible()
