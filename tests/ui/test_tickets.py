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


RITA = ("rita.segments@rxcrm.test", "rita-segments-1")
SAM = ("sam.segments@rxcrm.test", "sam-segments-1")


def test_a_segment_of_rita_s_open_tickets_is_saved_and_filters_the_inbox(page: Page, app_server: str) -> None:
    admin = Rest(app_server)
    rita = admin.user(RITA[0], "Rita Segments", RITA[1])
    colleague = admin.user(SAM[0], "Sam Segments", SAM[1])

    def ticket(subject: str, assignee: dict, status: str | None = None) -> dict:
        made = admin.create(
            "/tickets",
            from_email="kunde@segment.example",
            subject=subject,
            body="…",
            assignee_id=assignee["id"],
        )
        return admin.call("PATCH", f"/tickets/{made['id']}", status=status) if status else made

    jams = ticket("Segment: printer jams", rita)
    vat = ticket("Segment: wrong VAT", rita, "pending")
    done = ticket("Segment: old request", rita, "closed")
    other = ticket("Segment: Sam's request", colleague)
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(page, app_server, *SAM)  # a colleague keeps an eye on Rita's queue
    page.get_by_test_id("nav-tickets").click()
    page.get_by_test_id("ticket-segment-open").click()
    expect(page.get_by_test_id(f"ticket-row-{other['id']}")).to_be_visible(timeout=15_000)
    page.get_by_test_id("filter-assignee_filter").click()
    page.get_by_role("option", name="Rita Segments").click()
    expect(page.get_by_test_id(f"ticket-row-{other['id']}")).to_have_count(0, timeout=15_000)
    page.get_by_test_id("saved-filter-open-save").click()
    page.get_by_test_id("saved-filter-name").fill("Rita's open tickets")
    page.get_by_test_id("saved-filter-save").click()
    expect(page.get_by_text("View 'Rita's open tickets' saved.")).to_be_visible(timeout=15_000)
    page.keyboard.press("Escape")

    segment = page.get_by_test_id("ticket-saved-segment").filter(has_text="Rita's open tickets")
    expect(segment.get_by_test_id("ticket-segment-count")).to_have_text("2")
    page.get_by_test_id("ticket-segment-closed").click()
    expect(page.get_by_test_id(f"ticket-row-{done['id']}")).to_be_visible(timeout=15_000)
    segment.click()
    rows = page.locator("[data-testid^='ticket-row-']")
    expect(rows).to_have_count(2, timeout=15_000)
    expect(page.get_by_test_id(f"ticket-row-{jams['id']}")).to_be_visible()
    expect(page.get_by_test_id(f"ticket-row-{vat['id']}")).to_be_visible()
    [saved] = Rest(app_server, *SAM).call("GET", "/saved-filters?entity=ticket")["items"]
    assert saved["params"] == {"assignee_id": rita["id"], "status": "open_or_pending"}
    page.reload()
    expect(segment).to_be_visible(timeout=15_000)
    segment.click()
    expect(rows).to_have_count(2, timeout=15_000)
    expect(page.get_by_test_id("filter-assignee_filter")).to_contain_text("Rita Segments")
