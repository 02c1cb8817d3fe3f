"""In Chromium: the admin's ownership toggle and what a limited rep may see (spec §1.2, §1.5)."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from tests.ui.lookups import pick_record
from tests.ui.rest import Rest
from tests.ui.test_accounts_flow import ADMIN, log_in


def test_admin_decouples_owners_then_a_rep_hands_the_opportunity_to_someone_else(
    page: Page, browser: Browser, app_server: str
) -> None:
    admin = Rest(app_server)
    rep = admin.user("owen@rxcrm.test", "Owen Owner", "owen-secret-1")
    colleague = admin.user("cleo@rxcrm.test", "Cleo Colleague", "cleo-secret-1")
    contact = admin.create("/contacts", last_name="Coupled", owner_id=rep["id"])
    deal = admin.create("/opportunities", name="Coupled deal", contact_id=contact["id"])
    assert deal["owner_id"] == rep["id"]

    rep_page = browser.new_context(base_url=app_server).new_page()
    log_in(rep_page, app_server, "owen@rxcrm.test", "owen-secret-1")
    expect(rep_page.get_by_test_id("nav-accounts")).to_be_visible(timeout=15_000)
    rep_page.goto(f"{app_server}/opportunities/{deal['id']}")
    expect(rep_page.get_by_test_id("opportunity-owner-locked")).to_be_visible(timeout=10_000)
    expect(rep_page.get_by_test_id("opportunity-owner")).to_be_disabled()

    log_in(page, app_server, *ADMIN)
    expect(page.get_by_test_id("nav-settings")).to_be_visible(timeout=15_000)
    page.get_by_test_id("nav-settings").click()
    page.get_by_test_id("settings-nav-ownership").click()
    follow_contact = page.get_by_test_id("setting-update_contact_followers_on_opportunity_owner_change")
    expect(follow_contact).to_be_disabled(timeout=10_000)
    page.get_by_test_id("setting-decouple_contact_opportunity_owners").click()
    expect(page.get_by_text("Saved: Allow different owners")).to_be_visible()
    expect(follow_contact).to_be_enabled()

    rep_page.reload()
    chosen = rep_page.get_by_test_id("lookup-chosen-opportunity-owner")
    expect(chosen).to_have_text("Owen Owner", timeout=10_000)  # editable now: cleared, a name typed
    pick_record(rep_page, "opportunity-owner", "cleo", "Cleo Colleague", key="opportunity-owner")
    expect(rep_page.get_by_text("handed over")).to_be_visible()
    rep_page.reload()
    expect(rep_page.get_by_test_id("data-owner")).to_have_text("Cleo Colleague", timeout=10_000)
    assert admin.call("GET", f"/opportunities/{deal['id']}")["owner_id"] == colleague["id"]
    rep_page.context.close()


def test_a_limited_rep_does_not_see_another_reps_account_anywhere(page: Page, app_server: str) -> None:
    admin = Rest(app_server)
    other = admin.user("otto@rxcrm.test", "Otto Other", "otto-secret-1")
    admin.user("lima@rxcrm.test", "Lima Limited", "lima-secret-1", access_level="limited_crm")
    hidden = admin.create("/accounts", name="Ottos Hidden Mill", owner_id=other["id"])
    admin.create("/opportunities", name="Ottos Hidden Deal", account_id=hidden["id"], owner_id=other["id"])
    mine = Rest(app_server, "lima@rxcrm.test", "lima-secret-1").create("/accounts", name="Limas Own Mill")

    log_in(page, app_server, "lima@rxcrm.test", "lima-secret-1")
    page.get_by_test_id("nav-accounts").click()
    page.get_by_test_id("accounts-search").fill("Mill")
    expect(page.get_by_test_id("account-row")).to_have_count(1, timeout=10_000)
    expect(page.get_by_test_id("account-row")).to_contain_text("Limas Own Mill")
    page.get_by_test_id("global-search").fill("Mill")
    expect(page.get_by_test_id("search-hit")).to_have_count(1, timeout=10_000)
    expect(page.get_by_test_id("search-hit")).to_contain_text("Limas Own Mill")
    page.goto(f"{app_server}/accounts/{hidden['id']}")
    expect(page.get_by_test_id("record-not-found")).to_be_visible(timeout=10_000)
    page.get_by_test_id("nav-opportunities").click()
    expect(page.get_by_text("No opportunities match.")).to_be_visible(timeout=10_000)
    expect(page.get_by_test_id("opportunity-row").filter(has_text="Ottos Hidden Deal")).to_have_count(0)
    page.goto(f"{app_server}/accounts/{mine['id']}")
    expect(page.get_by_test_id("account-name")).to_have_text("Limas Own Mill", timeout=10_000)
