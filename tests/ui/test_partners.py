"""In Chromium (issue 16): an admin creates a partner and assigns a lead to it; the partner's user then
finds the lead on "My partner" and cannot open another partner's page."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from tests.ui.lookups import pick_record
from tests.ui.rest import ADMIN, Rest
from tests.ui.test_accounts_flow import log_in

PARTNER_USER = ("sol@sunrise.test", "sol-secret-123")


def test_a_partner_created_and_given_a_lead_is_seen_by_its_partner_user(
    page: Page, browser: Browser, app_server: str
) -> None:
    admin = Rest(app_server)
    lead = admin.create("/leads", name="Lisa Lead", company="Lisa GmbH")
    other = admin.create("/partners", name="Other Partner")

    log_in(page, app_server, *ADMIN)
    page.get_by_test_id("nav-partners").click()
    page.get_by_test_id("partner-new").click()
    page.get_by_test_id("field-name").fill("Sunrise Partners")
    page.get_by_test_id("field-city").fill("Graz")
    page.get_by_test_id("partner-save").click()
    expect(page.get_by_test_id("partner-name")).to_have_text("Sunrise Partners", timeout=15_000)
    partner_url = page.url

    page.goto(f"{app_server}/leads/{lead['id']}")
    page.get_by_test_id("lead-actions").click()
    page.get_by_test_id("action-edit").click()
    pick_record(page, "lookup-lead-partner", "Sunrise", "Sunrise Partners", "lead-partner")
    page.get_by_test_id("lead-save").click()
    expect(page.get_by_test_id("lead-save")).to_have_count(0)

    page.goto(partner_url)
    page.get_by_test_id("tab-leads").click()
    expect(page.get_by_test_id("partner-lead-row")).to_contain_text("Lisa Lead")
    partner_id = int(partner_url.rstrip("/").rsplit("/", 1)[-1])
    admin.user(PARTNER_USER[0], "Sol Partner", PARTNER_USER[1], role="partner", partner_id=partner_id)

    context = browser.new_context(base_url=app_server, viewport={"width": 1280, "height": 800})
    context.set_default_timeout(15_000)
    theirs = context.new_page()
    try:
        log_in(theirs, app_server, *PARTNER_USER)
        expect(theirs.get_by_test_id("nav-partners")).to_contain_text("My partner")
        theirs.get_by_test_id("nav-partners").click()
        expect(theirs.get_by_test_id("partner-name")).to_have_text("Sunrise Partners")
        expect(theirs.get_by_test_id("partner-edit")).to_have_count(0)
        theirs.get_by_test_id("tab-leads").click()
        expect(theirs.get_by_test_id("partner-lead-row")).to_contain_text("Lisa Lead")
        theirs.get_by_test_id("partner-lead-row").get_by_role("link", name="Lisa Lead").click()
        expect(theirs.get_by_test_id("lead-name")).to_have_text("Lisa Lead")
        theirs.goto(f"{app_server}/partners/{other['id']}")
        expect(theirs.get_by_test_id("record-not-found")).to_be_visible()
    finally:
        context.close()
