"""In Chromium: the accounts list pages, sorts and filters in the database."""

from __future__ import annotations

import httpx
from playwright.sync_api import Page, expect

from tests.ui.test_accounts_flow import ADMIN, log_in


def create_accounts_through_the_api(base_url: str, names: list[str], **fields: object) -> None:
    """Log in over REST and add accounts."""
    with httpx.Client(base_url=f"{base_url}/api/v1", timeout=30) as api:
        token = api.post("/auth/token", json={"email": ADMIN[0], "password": ADMIN[1]}).json()["access_token"]
        for name in names:
            answer = api.post(
                "/accounts", json={"name": name, **fields}, headers={"Authorization": f"Bearer {token}"}
            )
            assert answer.status_code == 201, answer.text


def test_list_pages_sorts_and_filters(page: Page, app_server: str) -> None:
    create_accounts_through_the_api(app_server, [f"Pager Corp {i:02d}" for i in range(30)], city="Graz")
    create_accounts_through_the_api(app_server, ["Pager Person"], type="person", last_name="Pager Person")
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
