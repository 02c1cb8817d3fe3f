"""In Chromium: the accounts list pages, sorts and filters in the database."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.ui.rest import ADMIN, Rest
from tests.ui.test_accounts_flow import log_in


def test_list_pages_sorts_and_filters(page: Page, app_server: str) -> None:
    admin = Rest(app_server)
    for i in range(30):
        admin.create("/accounts", name=f"Pager Corp {i:02d}", city="Graz")
    admin.create("/accounts", type="person", last_name="Pager Person")
    log_in(page, app_server, *ADMIN)
    page.get_by_test_id("nav-accounts").click()
    page.get_by_test_id("accounts-search").fill("pager")
    expect(page.get_by_test_id("pager-status")).to_have_text("1–25 of 31", timeout=10_000)
    expect(page.get_by_test_id("account-row")).to_have_count(25)
    page.get_by_test_id("pager-next").click()
    expect(page.get_by_test_id("pager-status")).to_have_text("26–31 of 31")
    expect(page.get_by_test_id("account-row")).to_have_count(6)

    page.get_by_test_id("sort-name").click()
    expect(page.get_by_test_id("pager-status")).to_have_text("1–25 of 31")
    expect(page.get_by_test_id("account-row").first).to_contain_text("Pager Person")
    page.get_by_test_id("sort-name").click()
    expect(page.get_by_test_id("account-row").first).to_contain_text("Pager Corp 00")

    page.get_by_test_id("filter-type_filter").click()
    page.get_by_role("option", name="Person").click()
    expect(page.get_by_test_id("account-row")).to_have_count(1)
    expect(page.get_by_test_id("pager-status")).to_have_text("1–1 of 1")
