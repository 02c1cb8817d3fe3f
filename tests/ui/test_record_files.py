"""In Chromium: an account's Files tab (upload, download the same bytes over HTTP, delete); a vCard import."""

from __future__ import annotations

import os
from pathlib import Path

from playwright.sync_api import FileChooser, Page, expect

from tests.ui.rest import Rest
from tests.ui.test_accounts_flow import log_in

REP = ("files.rep@rxcrm.test", "files-rep-secret-1")


def test_rep_uploads_downloads_and_deletes_a_file_on_an_account(
    page: Page, app_server: str, tmp_path: Path
) -> None:
    Rest(app_server).user(REP[0], "Fiona Files", REP[1])
    rep = Rest(app_server, *REP)
    account = rep.create("/accounts", name="Files & Co")
    data = b"%PDF-1.7\n" + os.urandom(3 * 2**20)

    log_in(page, app_server, *REP)
    expect(page.get_by_test_id("nav-pipeline")).to_be_visible(timeout=15_000)
    page.goto(f"{app_server}/accounts/{account['id']}")
    page.get_by_test_id("tab-files").click()
    panel = page.get_by_test_id("record-files")
    expect(panel).to_contain_text("No files yet.", timeout=10_000)
    choosers: list[FileChooser] = []
    page.on("filechooser", lambda chooser: choosers.append(chooser))  # Playwright takes no bound builtin
    panel.get_by_test_id("file-upload").click()  # a click on the box opens the file chooser, once
    page.wait_for_timeout(500)
    assert len(choosers) == 1 and choosers[0].element.get_attribute("aria-label") == "Upload a file"
    choosers[0].set_files(files=[{"name": "Angebot Müller.pdf", "mimeType": "text/html", "buffer": data}])
    row = panel.get_by_test_id("attachment-row")
    expect(row).to_have_count(1, timeout=20_000)
    expect(row).to_contain_text("Angebot Müller.pdf")
    expect(row).to_contain_text("3.0 MB")
    expect(row).to_contain_text("Fiona Files")
    expect(panel.get_by_test_id("file-upload-progress")).to_have_count(0)

    [listed] = rep.call("GET", f"/accounts/{account['id']}/attachments")["items"]
    assert listed["content_type"] == "application/pdf" and listed["size"] == len(data)
    with page.expect_download(timeout=30_000) as downloaded:
        panel.get_by_test_id(f"attachment-{listed['id']}").click()
    assert downloaded.value.suggested_filename == "Angebot Müller.pdf"
    # fetched over HTTP through a one-minute link, not handed over the websocket as a data: URL
    assert downloaded.value.url.startswith(f"{app_server}/api/v1/downloads/{listed['id']}.")
    downloaded.value.save_as(tmp_path / "back.pdf")
    assert (tmp_path / "back.pdf").read_bytes() == data

    panel.get_by_test_id(f"attachment-delete-{listed['id']}").click()
    page.get_by_test_id("confirm").click()
    expect(row).to_have_count(0, timeout=10_000)
    assert rep.call("GET", f"/accounts/{account['id']}/attachments")["total"] == 0


def test_rep_imports_contacts_from_a_vcard_file_after_a_preview(page: Page, app_server: str) -> None:
    Rest(app_server).user("vcard.rep@rxcrm.test", "Victor Vcard", "vcard-rep-secret-1")
    rep = Rest(app_server, "vcard.rep@rxcrm.test", "vcard-rep-secret-1")
    account = rep.create("/accounts", name="Vcard Org")
    cards = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Quill;Vera;;;\r\nFN:Vera Quill\r\nORG:Vcard Org\r\n"
        "EMAIL;TYPE=INTERNET:vera@vcard.test\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Zander;Wim;;;\r\nFN:Wim Zander\r\nEND:VCARD\r\n"
    )
    log_in(page, app_server, "vcard.rep@rxcrm.test", "vcard-rep-secret-1")
    expect(page.get_by_test_id("nav-pipeline")).to_be_visible(timeout=15_000)
    page.goto(f"{app_server}/contacts")
    page.get_by_test_id("contacts-vcard-import").click()
    upload = page.get_by_test_id("vcard-upload").get_by_label("Upload a vCard file")  # the input's own name
    upload.set_input_files(files=[{"name": "team.vcf", "mimeType": "text/vcard", "buffer": cards.encode()}])
    rows = page.get_by_test_id("vcard-row")
    expect(rows).to_have_count(2, timeout=10_000)
    expect(rows.first).to_contain_text("Vcard Org")
    assert rep.call("GET", "/contacts?q=Quill")["total"] == 0
    page.get_by_test_id("vcard-import-confirm").click()
    expect(rows).to_have_count(0, timeout=10_000)
    [vera] = rep.call("GET", "/contacts?q=Quill")["items"]
    assert vera["account_id"] == account["id"] and vera["email"] == "vera@vcard.test"
    assert rep.call("GET", "/contacts?q=Zander")["total"] == 1
