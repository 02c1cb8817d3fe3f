"""In Chromium: a rep from whom deal amounts are hidden sees a plain Amount header, not a sort button."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.ui.rest import ADMIN, Rest
from tests.ui.test_accounts_flow import log_in

AMOUNT_FOR_DIRECTORS = "field-visibility-opportunity-amount-director"


def _limit_amount(page: Page, app_server: str, limited: bool) -> None:
    """As the admin, tick (or untick) 'directors only' for the deal amount in Settings."""
    page.goto(f"{app_server}/settings/field-visibility")
    box = page.get_by_test_id(AMOUNT_FOR_DIRECTORS)
    expect(box).to_be_visible(timeout=15_000)
    wanted = "checked" if limited else "unchecked"
    if box.get_attribute("data-state") != wanted:
        box.click()
    expect(box).to_have_attribute("data-state", wanted, timeout=10_000)


def test_a_rep_cannot_sort_deals_by_a_hidden_amount(page: Page, app_server: str) -> None:
    rest = Rest(app_server)
    rep = rest.user("sorty@hidden.test", "Sorty Rep", "sorty-secret-1")
    account = rest.create("/accounts", name="Sorty Mill", owner_id=rep["id"])
    rest.create(
        "/opportunities", name="Sorty Deal", account_id=account["id"], owner_id=rep["id"], amount="900"
    )
    log_in(page, app_server, *ADMIN)
    expect(page.get_by_test_id("nav-settings")).to_be_visible(timeout=15_000)
    _limit_amount(page, app_server, True)
    try:
        context = page.context.browser.new_context(
            base_url=app_server, viewport={"width": 1400, "height": 900}
        )
        reps_page = context.new_page()
        log_in(reps_page, app_server, "sorty@hidden.test", "sorty-secret-1")
        expect(reps_page.get_by_test_id("nav-opportunities")).to_be_visible(timeout=15_000)
        reps_page.goto(f"{app_server}/opportunities")
        expect(reps_page.get_by_test_id("opportunity-row").filter(has_text="Sorty Deal")).to_have_count(1)
        header = reps_page.get_by_test_id("header-amount")
        expect(header).to_have_text("Amount")
        expect(reps_page.get_by_test_id("sort-amount")).to_have_count(0)
        expect(reps_page.get_by_test_id("sort-name")).to_have_count(1)
        header.click()
        reps_page.get_by_test_id("sort-name").click()
        expect(reps_page.get_by_test_id("sort-name").locator("svg")).to_have_count(1)
        expect(reps_page.get_by_text("cannot be sorted")).to_have_count(0)
        context.close()
    finally:  # field visibility is global: leave the amount visible for the other browser tests
        _limit_amount(page, app_server, False)
