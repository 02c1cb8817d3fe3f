"""In Chromium: the opportunities list's bulk edit, colour-coded tag chips and CSV export."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.ui.lookups import pick_record
from tests.ui.rest import ADMIN, Rest
from tests.ui.test_accounts_flow import log_in


def _open_list(page: Page, search: str) -> None:
    page.get_by_test_id("nav-opportunities").click()
    page.get_by_placeholder("Search opportunities…").fill(search)


def test_bulk_owner_change_tag_chips_and_export(page: Page, app_server: str) -> None:
    admin = Rest(app_server)
    owner = admin.user("bulk.owner@rxcrm.test", "Bulk Owner", "bulk-owner-secret-1")
    hot = admin.create("/opportunities", name="Zebra Alpha", tags=["zebra-hot"])
    warm = admin.create("/opportunities", name="Zebra Beta", tags=["zebra-hot", "zebra-big"])
    admin.create("/opportunities", name="Zebra Gamma", tags=["zebra-cold"])
    log_in(page, app_server, *ADMIN)
    rows = page.get_by_test_id("opportunity-row")
    _open_list(page, "zebra")
    expect(rows).to_have_count(3, timeout=15_000)
    expect(rows.filter(has_text="Zebra Beta")).to_contain_text("zebra-big")

    page.get_by_test_id("select-all").click()
    expect(page.get_by_test_id("bulk-count")).to_have_text("3 selected")
    page.get_by_test_id("select-all").click()
    expect(page.get_by_test_id("bulk-bar")).to_have_count(0)

    page.get_by_test_id(f"row-select-{hot['id']}").click()
    page.get_by_test_id(f"row-select-{warm['id']}").click()
    expect(page.get_by_test_id("bulk-count")).to_have_text("2 selected")
    pick_record(page, "bulk-owner", "bulk own", "Bulk Owner")  # typed: never a list of every user
    page.get_by_test_id("bulk-apply").click()
    expect(page.get_by_text("2 opportunities updated.")).to_be_visible()
    expect(page.get_by_test_id("bulk-bar")).to_have_count(0)

    page.reload()
    _open_list(page, "zebra")
    expect(rows).to_have_count(3, timeout=15_000)
    expect(rows.filter(has_text="Zebra Alpha")).to_contain_text("Bulk Owner")
    expect(rows.filter(has_text="Zebra Beta")).to_contain_text("Bulk Owner")
    expect(rows.filter(has_text="Zebra Gamma")).not_to_contain_text("Bulk Owner")
    assert admin.call("GET", f"/opportunities/{hot['id']}")["owner_id"] == owner["id"]

    page.get_by_test_id("tag-chip-zebra-cold").click()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Zebra Gamma")
    page.get_by_test_id("tag-chip-zebra-cold").click()
    expect(rows).to_have_count(3)
    page.get_by_test_id("tag-chip-zebra-hot").click()
    expect(rows).to_have_count(2)

    with page.expect_download() as download_info:
        page.get_by_test_id("export-csv").click()
    download = download_info.value
    assert download.suggested_filename == "opportunities.csv"
    exported = list(csv.DictReader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
    assert sorted(r["Name"] for r in exported) == ["Zebra Alpha", "Zebra Beta"]
    assert {r["Owner"] for r in exported} == {"Bulk Owner"}


def test_the_list_is_narrowed_to_an_owner_typed_by_name_or_to_me(page: Page, app_server: str) -> None:
    admin = Rest(app_server)
    olive = admin.user("olive.filter@rxcrm.test", "Olive Filterowner", "olive-secret-1")
    admin.create("/opportunities", name="Quokka Olive", owner_id=olive["id"])
    admin.create("/opportunities", name="Quokka Mine")  # the admin's own
    log_in(page, app_server, *ADMIN)
    rows = page.get_by_test_id("opportunity-row")
    chosen = page.get_by_test_id("lookup-chosen-opportunities-owner-filter")
    _open_list(page, "quokka")
    expect(rows).to_have_count(2, timeout=15_000)

    page.get_by_test_id("filter-owner_filter").fill("olive filt")  # typed, never a list of every user
    page.get_by_test_id(f"filter-owner_filter-option-{olive['id']}").click()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Quokka Olive")
    expect(chosen).to_have_text("Olive Filterowner")

    page.get_by_test_id("lookup-clear-opportunities-owner-filter").click()  # × : all owners
    expect(rows).to_have_count(2)
    expect(page.get_by_test_id("filter-owner_filter")).to_have_value("")

    page.get_by_test_id("filter-owner_filter-me").click()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Quokka Mine")
    expect(chosen).to_have_text("Me")
