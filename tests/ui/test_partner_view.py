"""In Chromium: a partner user sees his/her partner's world only — no Settings, no splitter, no budgets."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.ui.rest import Rest
from tests.ui.test_accounts_flow import log_in

PARTNER_LOGIN = ("pia@brightside.test", "pia-secret-12")


def test_a_partner_user_sees_no_settings_splitter_or_campaign_budgets(page: Page, app_server: str) -> None:
    admin = Rest(app_server)
    partner_id = admin.create("/partners", name="Brightside Resellers")["id"]
    email, password = PARTNER_LOGIN
    admin.user(email, "Pia Partner", password, role="partner", partner_id=partner_id)
    admin.create("/campaigns", name="Brightside roadshow", budget="54321.00", cost="1234.00")

    log_in(page, app_server, *PARTNER_LOGIN)
    expect(page.get_by_test_id("nav-accounts")).to_be_visible(timeout=15_000)
    expect(page.get_by_test_id("nav-leads")).to_be_visible()
    for hidden in ("nav-settings", "nav-campaigns", "nav-price-books", "nav-contracts"):
        expect(page.get_by_test_id(hidden)).to_have_count(0)

    page.goto(f"{app_server}/settings")
    expect(page.get_by_test_id("settings-not-available")).to_contain_text(
        "not available for your role", timeout=15_000
    )
    expect(page.get_by_test_id("api-key-name")).to_have_count(0)

    page.goto(f"{app_server}/leads/splitter")
    expect(page.get_by_test_id("splitter-not-available")).to_contain_text(
        "not available for your role", timeout=15_000
    )
    expect(page.get_by_test_id("lead-tab-splitter")).to_have_count(0)

    page.goto(f"{app_server}/campaigns")
    expect(page.get_by_text("Brightside roadshow")).to_be_visible(timeout=15_000)
    expect(page.get_by_role("columnheader", name="Budget")).to_have_count(0)
    expect(page.get_by_role("columnheader", name="Cost")).to_have_count(0)
    expect(page.get_by_text("54,321.00")).to_have_count(0)
