"""In Chromium: a rep sells a quoted deal, sees contracts and the lock, renews, unlocks; product widgets."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.ui.rest import ADMIN, Rest
from tests.ui.test_accounts_flow import log_in

REP = ("seller@rxcrm.test", "seller-secret-1")


def _quoted_deal(admin: Rest, base_url: str) -> dict:
    """A rep's deal with an active quote: a yearly subscription from the price book and a free set-up."""
    admin.user(REP[0], "Sam Seller", REP[1])
    rep = Rest(base_url, *REP)
    categories = {c["name"]: c["id"] for c in admin.call("GET", "/product-categories")["items"]}
    product = admin.create(
        "/products", name="Cloud plan", code="UI-CLOUD", category_id=categories["Subscription"]
    )
    book = admin.create("/price-books", name="UI price book")
    entry = admin.create(
        f"/price-books/{book['id']}/entries", product_id=product["id"], unit="year", price="1200.00"
    )
    account = rep.create("/accounts", name="Contract Buyer GmbH")
    deal = rep.create("/opportunities", name="Cloud Roll-out", account_id=account["id"])
    quote = rep.create("/quotes", opportunity_id=deal["id"], name="Offer 1", price_book_id=book["id"])
    rep.create(f"/quotes/{quote['id']}/items", entry_id=entry["id"], quantity="2")
    rep.create(f"/quotes/{quote['id']}/items", name="Set-up", quantity="1", unit="day", unit_price="500.00")
    return deal


def test_a_rep_sells_a_deal_sees_contracts_and_the_lock_renews_and_unlocks(
    page: Page, app_server: str
) -> None:
    admin = Rest(app_server)
    deal = _quoted_deal(admin, app_server)
    log_in(page, app_server, *REP)
    expect(page.get_by_test_id("nav-pipeline")).to_be_visible(timeout=15_000)
    page.goto(f"{app_server}/opportunities/{deal['id']}")
    expect(page.get_by_test_id("opportunity-name")).to_have_text("Cloud Roll-out", timeout=15_000)

    page.get_by_test_id("opportunity-sold").click()
    expect(page.get_by_test_id("sell-summary")).to_contain_text("2 contracts will be created")
    page.get_by_test_id("confirm").click()
    expect(page.get_by_test_id("opportunity-locked-note")).to_contain_text(
        "locked. Unlock to change it.", timeout=10_000
    )
    expect(page.get_by_test_id("opportunity-status")).to_have_text("won")
    contracts = admin.call("GET", f"/contracts?opportunity_id={deal['id']}")["items"]
    term = next(c for c in contracts if c["kind"] == "term")
    assert {c["name"] for c in contracts} == {"Cloud plan", "Set-up"}

    page.get_by_test_id("tab-contracts").click()
    for contract in contracts:
        expect(page.get_by_test_id(f"contract-row-{contract['id']}")).to_be_visible(timeout=10_000)
    expect(page.get_by_test_id(f"contract-row-{term['id']}")).to_contain_text("2,400.00 EUR")

    page.get_by_test_id("opportunity-actions").click()
    edit = page.get_by_test_id("action-edit")
    expect(edit).to_have_attribute("data-disabled", "")
    expect(edit).to_contain_text("unlock first")
    page.keyboard.press("Escape")
    page.get_by_test_id("stage-segment-" + str(_open_stage(admin))).click()
    expect(page.get_by_text("Unlock to change it.").last).to_be_visible()
    assert admin.call("GET", f"/opportunities/{deal['id']}")["status"] == "won"

    page.goto(f"{app_server}/accounts/{deal['account_id']}")
    page.get_by_test_id("tab-contracts").click()
    expect(page.get_by_test_id(f"contract-row-{term['id']}")).to_contain_text(
        "Cloud Roll-out", timeout=10_000
    )

    page.goto(f"{app_server}/contracts")
    expect(page.get_by_test_id(f"contract-row-{term['id']}")).to_contain_text(
        "Contract Buyer GmbH", timeout=15_000
    )
    page.set_viewport_size({"width": 1280, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    page.get_by_test_id("filter-account").fill("Contract Buy")
    page.get_by_test_id(f"filter-account-option-{deal['account_id']}").click()
    expect(page.get_by_test_id("pager-status")).to_have_text("1–2 of 2", timeout=10_000)
    page.get_by_test_id(f"contract-renew-{term['id']}").click()
    expect(page.get_by_test_id("opportunity-name")).to_have_text("Renewal: Cloud plan", timeout=15_000)

    page.goto(f"{app_server}/opportunities/{deal['id']}")
    expect(page.get_by_test_id("opportunity-locked-note")).to_be_visible(timeout=15_000)
    page.get_by_test_id("opportunity-actions").click()
    page.get_by_test_id("action-unlock").click()
    expect(page.get_by_test_id("opportunity-locked-note")).to_have_count(0, timeout=10_000)
    assert admin.call("GET", f"/opportunities/{deal['id']}")["locked"] is False
    assert len(admin.call("GET", f"/contracts?opportunity_id={deal['id']}")["items"]) == 2


def _open_stage(admin: Rest) -> int:
    return next(s["id"] for s in admin.call("GET", "/stages")["items"] if s["kind"] == "open")


def test_the_product_details_page_shows_both_product_widgets(page: Page, app_server: str) -> None:
    log_in(page, app_server, *ADMIN)
    expect(page.get_by_test_id("nav-pipeline")).to_be_visible(timeout=15_000)
    page.get_by_test_id("dashboard-page-product_details").click()
    expect(page.get_by_test_id("widget-won_by_product")).to_be_visible(timeout=15_000)
    expect(page.get_by_test_id("widget-contracts")).to_be_visible()
    expect(page.get_by_test_id("dashboard-no-access")).to_have_count(0)
