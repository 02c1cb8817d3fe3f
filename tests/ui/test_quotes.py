"""In Chromium: a sold deal greys out quote editing (the whole selling flow is in test_selling_flow.py)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.ui.rest import ADMIN, Rest
from tests.ui.test_accounts_flow import log_in


def test_a_sold_deal_greys_out_quote_editing(page: Page, app_server: str) -> None:
    admin = Rest(app_server)
    deal = admin.create("/opportunities", name="Quote Locked Deal")
    quote = admin.create("/quotes", opportunity_id=deal["id"], name="Locked offer")
    body = admin.call(
        "POST", f"/quotes/{quote['id']}/items", 201, name="Thing", quantity="2", unit_price="50.00"
    )
    admin.call("POST", f"/opportunities/{deal['id']}/sold")
    log_in(page, app_server, *ADMIN)
    expect(page.get_by_test_id("nav-pipeline")).to_be_visible(timeout=15_000)
    page.goto(f"{app_server}/opportunities/{deal['id']}")
    page.get_by_test_id("tab-quotes").click()
    expect(page.get_by_test_id("quote-locked")).to_have_text(
        "This deal is sold and locked — unlock it to change quotes.", timeout=10_000
    )
    expect(page.get_by_test_id("quote-total")).to_have_text("100.00 EUR")
    for control in ("quote-new", "quote-item-add", "quote-activate", "quote-delete"):
        expect(page.get_by_test_id(control)).to_be_disabled()
    expect(page.get_by_test_id(f"quote-row-quantity-{body['items'][0]['id']}")).to_be_disabled()
