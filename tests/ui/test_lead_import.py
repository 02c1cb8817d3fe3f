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
    expect(row).to_contain_text("E-mail")  # the field's label, as the forms say it
    expect(row).to_contain_text("E-mail is not a valid e-mail address")
    expect(page.get_by_test_id("import-run")).to_be_disabled()
    found = Rest(app_server).call("GET", "/leads?q=bad-import")
    assert [item["name"] for item in found["items"]] == []


SKIPPY = (
    "Name,E-Mail,Quelle\n"
    "Skip Ella,ella@skip-import.test,csv-skip\n"
    "Skip Finn,finn-at-skip-import.test,csv-skip\n"
    "Skip Gus,gus@skip-import.test,csv-skip\n"
)


def test_at_1280_a_bad_row_is_numbered_and_highlighted_and_the_valid_rows_can_go_alone(
    browser,
    app_server: str,  # noqa: ANN001
) -> None:
    context = browser.new_context(base_url=app_server, viewport={"width": 1280, "height": 800})
    context.set_default_timeout(15_000)
    page = context.new_page()
    _open_import_page(page, app_server)
    back = page.get_by_test_id("import-back")
    expect(back).to_have_text("Back to leads")
    expect(back).to_have_attribute("href", "/leads")
    _upload(page, "skip.csv", SKIPPY)
    expect(page.get_by_test_id("import-invalid")).to_contain_text("1 of 3 rows are invalid")
    rows = page.get_by_test_id("preview-row")
    expect(rows).to_have_count(3)
    bad = page.locator("[data-testid=preview-row][data-invalid=true]")
    expect(bad).to_have_count(1)
    expect(bad).to_contain_text("3")  # the header is row 1: Finn is row 3, as in the spreadsheet
    expect(bad).to_contain_text("finn-at-skip-import.test")
    expect(page.get_by_test_id("report-row")).to_contain_text("3")
    run = page.get_by_test_id("import-run")
    expect(run).to_be_disabled()  # all or nothing is the default
    page.get_by_test_id("import-mode-valid").click()
    expect(run).to_be_enabled()
    expect(run).to_have_text("Import the 2 valid rows")
    run.click()
    expect(page.get_by_test_id("import-result")).to_have_text(
        "2 imported, 1 invalid rows skipped, 0 duplicates found, 0 routed", timeout=20_000
    )
    assert _leads_named(Rest(app_server), "csv-skip") == ["Skip Ella", "Skip Gus"]
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    page.get_by_test_id("import-kind-accounts").click()
    expect(back).to_have_text("Back to accounts")
    expect(back).to_have_attribute("href", "/accounts")
    context.close()
