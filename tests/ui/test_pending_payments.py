"""In Chromium: a director's Pending payments page sums his/her team's invoices — open and overdue by due
week, overdue by account, paid per month — follows a payment made through the API live, and fits a
1280x800 window; a partner user, whose role may not view invoices, gets a note instead of figures.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from playwright.sync_api import Page, expect

from tests.ui.rest import Rest
from tests.ui.settle import settle
from tests.ui.test_accounts_flow import log_in
from tests.ui.test_dashboard import LIVE_WITHIN_MS, _amount, _won_deal

KINDS = ("open_invoices_by_due_week", "overdue_by_account", "paid_per_month")
# The rep bills on the first calendar of the day, the director reads on the last: whatever the hour,
# the director's today is at least one day after the rep's (UTC-11 and UTC+14, no summer time).
REP_ZONE, DIRECTOR_ZONE = "Pacific/Pago_Pago", "Pacific/Kiritimati"
OVERDUE, OPEN, PAID = Decimal("1200.00"), Decimal("800.00"), Decimal("450.50")
UNRATED = "XTS"  # the ISO code kept for testing: no exchange rate is ever set for it


def _bill(rep: Rest, account_id: int, name: str, amount: Decimal, *, due_today: bool = False) -> dict:
    """A won deal of the rep on the account, invoiced and sent (due on its issue day, when asked)."""
    deal = _won_deal(rep, name, str(amount), account_id=account_id)
    invoice = rep.create("/invoices", opportunity_id=deal["id"])
    due = {"due_date": invoice["issue_date"]} if due_today else {}
    return rep.call("PATCH", f"/invoices/{invoice['id']}", status="sent", **due)


def _arrange(app_server: str) -> tuple[tuple[str, str], str, int]:
    """A director and a rep of a team no other test uses, each on a calendar; the rep's three invoices:
    one due on the rep's today (overdue on the director's), one due in 30 days, one paid.
    Returns the director's login, the late payer's name and the open invoice's id."""
    admin, tag = Rest(app_server), uuid.uuid4().hex[:6]
    team = f"Payments {tag}"
    director, rep_login = (f"pia-{tag}@rxcrm.test", "pia-secret-1"), (f"ben-{tag}@rxcrm.test", "ben-secret-1")
    admin.user(director[0], "Pia Payments", director[1], role="director", team=team)
    admin.user(rep_login[0], "Ben Biller", rep_login[1], team=team)
    Rest(app_server, *director).call("PATCH", "/users/me", time_zone=DIRECTOR_ZONE)
    rep = Rest(app_server, *rep_login)
    rep.call("PATCH", "/users/me", time_zone=REP_ZONE)
    late_payer = f"Late {tag}"
    late = rep.create("/accounts", name=late_payer)["id"]
    prompt = rep.create("/accounts", name=f"Prompt {tag}")["id"]
    assert _bill(rep, late, "Late deal", OVERDUE, due_today=True)["status"] == "sent"  # not late for the rep
    open_invoice = _bill(rep, prompt, "Open deal", OPEN)
    paid = _bill(rep, prompt, "Paid deal", PAID)
    rep.call("PATCH", f"/invoices/{paid['id']}", status="paid")
    # One in a currency without an exchange rate: not in the sums, and the page says so.
    foreign = _won_deal(rep, "Foreign deal", "300.00", account_id=prompt, currency=UNRATED)
    unrated = rep.create("/invoices", opportunity_id=foreign["id"])
    rep.call("PATCH", f"/invoices/{unrated['id']}", status="sent")
    # An open invoice of someone outside the team: never on this director's page.
    _bill(
        admin, admin.create("/accounts", name=f"Elsewhere {tag}")["id"], "Other team's deal", Decimal("99.00")
    )
    return director, late_payer, open_invoice["id"]


def test_a_director_sees_the_teams_pending_payments_and_a_payment_arrive_live(
    page: Page, app_server: str
) -> None:
    director, late_payer, open_id = _arrange(app_server)
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(page, app_server, *director)
    expect(page.get_by_test_id("dashboard-heading")).to_have_text("Global CRM overview", timeout=20_000)
    page.get_by_test_id("dashboard-page-pending_payments").click()

    due_weeks, by_account, paid = (page.get_by_test_id(f"widget-{kind}") for kind in KINDS)
    expect(due_weeks.get_by_test_id("widget-title")).to_have_text("Open invoices by due week", timeout=20_000)
    expect(by_account.get_by_test_id("widget-title")).to_have_text("Overdue invoices by account")
    expect(paid.get_by_test_id("widget-title")).to_have_text("Paid invoices per month")
    expect(due_weeks.get_by_test_id("widget-total")).to_have_text(
        f"Open: {OVERDUE + OPEN:,.2f} · overdue: {OVERDUE:,.2f}", timeout=20_000
    )
    expect(by_account.get_by_test_id("widget-total")).to_have_text(f"Overdue: {OVERDUE:,.2f}")
    expect(by_account).to_contain_text(late_payer)  # the bar is named after the account
    expect(paid.get_by_test_id("widget-total")).to_have_text(f"Paid: {PAID:,.2f}")
    expect(page.get_by_test_id("dashboard-no-access")).to_have_count(0)
    expect(page.get_by_test_id("dashboard-left-out")).to_contain_text(
        f"1 sent or paid invoice (1 in {UNRATED}) is not in these figures"
    )
    assert settle(page, stop_on_overflow=True) == 0, "the page is wider than a 1280x800 window"

    page.evaluate("window.__sameDocument = true")
    Rest(app_server).call("PATCH", f"/invoices/{open_id}", status="paid")
    expect(paid.get_by_test_id("widget-total")).to_have_text(
        f"Paid: {PAID + OPEN:,.2f}", timeout=LIVE_WITHIN_MS
    )
    expect(due_weeks.get_by_test_id("widget-total")).to_have_text(
        f"Open: {OVERDUE:,.2f} · overdue: {OVERDUE:,.2f}", timeout=LIVE_WITHIN_MS
    )
    assert _amount(by_account) == OVERDUE
    assert page.evaluate("window.__sameDocument === true")  # updated in place, never reloaded


def test_a_partner_user_gets_a_note_instead_of_invoice_figures(page: Page, app_server: str) -> None:
    admin, tag = Rest(app_server), uuid.uuid4().hex[:6]
    partner_id = admin.create("/partners", name=f"Payments Partner {tag}")["id"]
    login = (f"paul-{tag}@partner.test", "paul-secret-12")
    admin.user(login[0], "Paul Partner", login[1], role="partner", partner_id=partner_id)
    deal = _won_deal(admin, "Partner billed deal", "700.00", partner_id=partner_id)
    admin.call(
        "PATCH", f"/invoices/{admin.create('/invoices', opportunity_id=deal['id'])['id']}", status="sent"
    )

    log_in(page, app_server, *login)
    expect(page.get_by_test_id("dashboard-heading")).to_have_text("Global CRM overview", timeout=20_000)
    page.get_by_test_id("dashboard-page-pending_payments").click()
    expect(page.get_by_test_id("dashboard-no-access")).to_contain_text("may not see invoices", timeout=20_000)
    for kind in KINDS:
        expect(page.get_by_test_id(f"widget-{kind}")).to_have_count(0)
    expect(page.get_by_test_id("widget-total")).to_have_count(0)
    expect(page.get_by_text("700.00")).to_have_count(0)
    expect(page.get_by_test_id("dashboard-left-out")).to_have_count(0)
