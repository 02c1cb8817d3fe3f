"""In Chromium: a rep follows an account, a colleague changes it, the bell and notification centre tell."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.ui.rest import Rest
from tests.ui.test_accounts_flow import log_in


def test_follower_is_notified_of_a_change_and_opens_the_record_from_the_bell(
    page: Page, app_server: str
) -> None:
    admin = Rest(app_server)
    admin.user("fay@rxcrm.test", "Fay Follower", "fay-secret-1")
    admin.user("cal@rxcrm.test", "Cal Changer", "cal-secret-1")
    account = admin.create("/accounts", name="Watched Works", city="Ulm")

    log_in(page, app_server, "fay@rxcrm.test", "fay-secret-1")
    expect(page.get_by_test_id("nav-accounts")).to_be_visible(timeout=15_000)
    expect(page.get_by_test_id("notifications-count")).to_have_count(0)
    page.goto(f"{app_server}/accounts/{account['id']}")
    page.get_by_test_id("follow-toggle").click()
    expect(page.get_by_test_id("follow-toggle")).to_contain_text("Unfollow", timeout=10_000)

    Rest(app_server, "cal@rxcrm.test", "cal-secret-1").call(
        "PATCH", f"/accounts/{account['id']}", city="Ravensburg"
    )
    page.get_by_test_id("nav-dashboard").click()
    expect(page.get_by_test_id("notifications-count")).to_have_text("1", timeout=10_000)
    page.get_by_test_id("notifications-bell").click()
    note = page.get_by_test_id("notification-row").first
    expect(note).to_contain_text("Cal Changer changed city on account 'Watched Works'")
    note.click()
    expect(page).to_have_url(re.compile(rf"/accounts/{account['id']}$"), timeout=10_000)
    expect(page.get_by_test_id("data-city")).to_have_text("Ravensburg")
    expect(page.get_by_test_id("notifications-count")).to_have_count(0)
