"""In Chromium: a rep issues an invoice from a sold deal, then marks it sent and paid on the account's tab."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.ui.rest import Rest
from tests.ui.test_accounts_flow import log_in

REP = ("biller@rxcrm.test", "biller-secret-1")


def test_an_invoice_is_issued_from_a_sold_deal_and_marked_paid(page: Page, app_server: str) -> None:
    admin = Rest(app_server)
    admin.user(REP[0], "Bea Biller", REP[1])
    rep = Rest(app_server, *REP)
    account = rep.create("/accounts", name="Invoice Buyer AG")
    deal = rep.create("/opportunities", name="Billing Roll-out", account_id=account["id"])
    quote = rep.create("/quotes", opportunity_id=deal["id"], name="Offer", currency="EUR")
    rep.create(f"/quotes/{quote['id']}/items", name="Set-up", quantity="2", unit="day", unit_price="450.00")
    rep.call("POST", f"/opportunities/{deal['id']}/sold")

    log_in(page, app_server, *REP)
    expect(page.get_by_test_id("nav-pipeline")).to_be_visible(timeout=15_000)
    page.goto(f"{app_server}/opportunities/{deal['id']}")
    expect(page.get_by_test_id("opportunity-status")).to_have_text("won", timeout=15_000)
    page.get_by_test_id("opportunity-issue-invoice").click()

    page.wait_for_url(f"**/accounts/{account['id']}?tab=invoices", timeout=15_000)
    [invoice] = rep.call("GET", f"/invoices?account_id={account['id']}")["items"]
    row = page.get_by_test_id(f"invoice-row-{invoice['id']}")
    expect(row).to_contain_text(invoice["number"], timeout=15_000)
    expect(row).to_contain_text("900.00 EUR")
    status = page.get_by_test_id(f"invoice-status-{invoice['id']}")
    expect(status).to_have_text("Draft")

    page.get_by_test_id(f"invoice-send-{invoice['id']}").click()
    expect(status).to_have_text("Sent", timeout=10_000)
    page.get_by_test_id(f"invoice-pay-{invoice['id']}").click()
    expect(status).to_have_text("Paid", timeout=10_000)
    expect(page.get_by_test_id(f"invoice-pay-{invoice['id']}")).to_have_count(0)
    assert rep.call("GET", f"/invoices/{invoice['id']}")["status"] == "paid"
