"""In Chromium: save the accounts view under a name, come back later, pick it, see the same rows."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.ui.rest import ADMIN, Rest
from tests.ui.test_accounts_flow import log_in


def test_a_saved_view_brings_back_its_search_and_type_filter(page: Page, app_server: str) -> None:
    admin = Rest(app_server)
    admin.create("/accounts", name="Sieve Alpha", city="Linz")
    admin.create("/accounts", name="Sieve Gamma", city="Wels")
    admin.create("/accounts", type="person", last_name="Sieve Person")
    admin.create("/accounts", name="Unrelated Works")
    log_in(page, app_server, *ADMIN)
    page.get_by_test_id("nav-accounts").click()
    rows = page.get_by_test_id("account-row")

    page.get_by_test_id("accounts-search").fill("sieve")
    expect(rows).to_have_count(3, timeout=10_000)
    page.get_by_test_id("filter-type_filter").click()
    page.get_by_role("option", name="Company").click()
    expect(rows).to_have_count(2)
    page.get_by_test_id("saved-filter-name").fill("Sieve companies")
    page.get_by_test_id("saved-filter-save").click()
    expect(page.get_by_text("View 'Sieve companies' saved.")).to_be_visible()

    page.get_by_test_id("accounts-search").fill("")
    page.get_by_test_id("filter-type_filter").click()
    page.get_by_role("option", name="All types").click()
    expect(page.get_by_test_id("pager-status")).not_to_have_text("1–2 of 2")

    page.reload()
    expect(page.get_by_test_id("saved-filter-select")).to_be_visible(timeout=15_000)
    page.get_by_test_id("saved-filter-select").click()
    page.get_by_role("option", name="Sieve companies").click()
    expect(page.get_by_test_id("pager-status")).to_have_text("1–2 of 2")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Sieve Alpha")
    expect(rows.nth(1)).to_contain_text("Sieve Gamma")
    expect(page.get_by_test_id("accounts-search")).to_have_value("sieve")
    expect(page.get_by_test_id("saved-filter-select")).to_contain_text("Sieve companies")
