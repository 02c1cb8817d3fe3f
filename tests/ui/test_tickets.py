"""In Chromium at 1280×800: a rep answers a ticket of the shared inbox and closes it; the reply is
e-mailed to the customer with [#N] in the subject, and the customer's answer reopens the ticket."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.ui.rest import Rest
from tests.ui.test_accounts_flow import log_in

REP = ("inbox.rep@rxcrm.test", "inbox-secret-1")


def test_a_rep_answers_a_ticket_and_closes_it(page: Page, app_server: str) -> None:
    admin = Rest(app_server)
    rep_user = admin.user(REP[0], "Ines Inbox", REP[1])
    account = admin.create("/accounts", name="Druckerei Nord", email="info@druckerei-nord.example")
    ticket = admin.create(
        "/tickets",
        from_email="info@druckerei-nord.example",
        subject="Printer jams on page 2",
        body="Our new printer jams after the first page.",
        assignee_id=rep_user["id"],
    )
    number = ticket["number"]
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(page, app_server, *REP)
    page.get_by_test_id("nav-tickets").click()
    page.get_by_test_id("ticket-segment-mine").click()
    row = page.get_by_test_id(f"ticket-row-{ticket['id']}")
    expect(row).to_contain_text("Printer jams on page 2", timeout=15_000)
    row.get_by_role("link", name="Printer jams on page 2").click()

    expect(page.get_by_test_id("ticket-account")).to_have_text("Druckerei Nord", timeout=15_000)
    page.get_by_test_id("ticket-reply-body").fill("A technician comes tomorrow at 9.")
    page.get_by_test_id("ticket-reply-send").click()
    expect(page.get_by_text("Reply sent to info@druckerei-nord.example.")).to_be_visible(timeout=15_000)
    reply = page.locator("[data-kind='reply']")
    expect(reply).to_contain_text("A technician comes tomorrow at 9.")
    expect(page.get_by_test_id("ticket-status-badge")).to_have_text("Pending")

    page.get_by_test_id("ticket-close").click()
    expect(page.get_by_test_id("ticket-status-badge")).to_have_text("Closed", timeout=15_000)
    closed = admin.call("GET", f"/tickets/{ticket['id']}")
    assert closed["status"] == "closed" and closed["account_id"] == account["id"]
    assert [m["kind"] for m in closed["messages"]] == ["customer", "reply"]
    [email] = admin.call("GET", f"/emails?entity=ticket&entity_id={ticket['id']}")["items"]
    assert email["subject"] == f"[#{number}] Printer jams on page 2" and email["status"] == "outbox"

    page.get_by_test_id("nav-tickets").click()
    page.get_by_test_id("ticket-segment-closed").click()
    expect(page.get_by_test_id(f"ticket-status-{ticket['id']}")).to_have_text("Closed", timeout=15_000)
    expect(page.get_by_test_id("ticket-statistics")).to_contain_text("Ines Inbox")
    page.goto(f"{app_server}/accounts/{account['id']}?tab=tickets")
    expect(page.get_by_test_id(f"ticket-row-{ticket['id']}")).to_be_visible(timeout=15_000)
