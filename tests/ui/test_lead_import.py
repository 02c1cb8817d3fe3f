"""In Chromium: a CSV file of leads is mapped, previewed and imported; a bad file imports nothing."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.ui.rest import ADMIN, Rest
from tests.ui.test_accounts_flow import log_in

GOOD = (
    "Name;E-Mail;Firma;Quelle\n"
    "Import Anna;anna@import.test;Acme;csv-ui\n"
    "Import Bert;bert@import.test;Beta;csv-ui\n"
)
BAD = "Name,E-Mail\nImport Carl,carl@bad-import.test\nImport Dora,dora-at-bad-import.test\n"


def _upload(page: Page, name: str, text: str) -> None:
    files = page.get_by_test_id("import-upload").locator("input[type=file]")
    files.set_input_files(files=[{"name": name, "mimeType": "text/csv", "buffer": text.encode()}])


def _open_import_page(page: Page, app_server: str) -> None:
    log_in(page, app_server, *ADMIN)
    page.get_by_test_id("nav-leads").click()
    page.get_by_test_id("leads-import").click()
    expect(page).to_have_url(f"{app_server}/leads/import")


def _leads_named(rest: Rest, source: str) -> list[str]:
    page = rest.call("GET", f"/leads?source={source}&sort=name")
    return [item["name"] for item in page["items"]]


def test_a_csv_file_is_mapped_previewed_and_imported_with_progress(page: Page, app_server: str) -> None:
    _open_import_page(page, app_server)
    _upload(page, "fair.csv", GOOD)
    expect(page.get_by_test_id("map-E-Mail")).to_contain_text("email")
    expect(page.get_by_test_id("map-Firma")).to_contain_text("company")
    expect(page.get_by_test_id("preview-row")).to_have_count(2)
    expect(page.get_by_test_id("preview-row").first).to_contain_text("anna@import.test")
    expect(page.get_by_test_id("import-report")).to_have_count(0)
    page.get_by_test_id("import-run").click()
    expect(page.get_by_test_id("import-result")).to_have_text(
        "2 imported, 0 duplicates found, 0 routed", timeout=20_000
    )
    expect(page.get_by_test_id("import-progress")).to_be_visible()
    assert _leads_named(Rest(app_server), "csv-ui") == ["Import Anna", "Import Bert"]


def test_a_file_with_a_bad_email_shows_the_report_and_imports_nothing(page: Page, app_server: str) -> None:
    _open_import_page(page, app_server)
    _upload(page, "bad.csv", BAD)
    expect(page.get_by_test_id("import-invalid")).to_contain_text("1 of 2 rows are invalid")
    row = page.get_by_test_id("report-row")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("3")
    expect(row).to_contain_text("email")
    expect(row).to_contain_text("is not a valid e-mail address")
    expect(page.get_by_test_id("import-run")).to_be_disabled()
    found = Rest(app_server).call("GET", "/leads?q=bad-import")
    assert [item["name"] for item in found["items"]] == []
