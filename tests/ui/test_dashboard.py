"""In Chromium: customize the dashboard, compare a baseline with live data, and see API changes live."""

from __future__ import annotations

import re
from decimal import Decimal

from playwright.sync_api import Locator, Page, expect

from tests.ui.rest import ADMIN, Rest
from tests.ui.test_accounts_flow import log_in

# Functional only: generous for a busy CI machine. How fast it is: bench/dashboard_live_browser.py.
LIVE_WITHIN_MS = 15_000


def _open_dashboard(page: Page, base_url: str, email: str, password: str) -> None:
    log_in(page, base_url, email, password)
    expect(page.get_by_test_id("dashboard-heading")).to_have_text("Global CRM overview", timeout=20_000)


def _menu(page: Page, kind: str, item: str) -> None:
    """Open a widget's menu and pick an entry."""
    page.get_by_test_id(f"widget-{kind}").get_by_test_id("widget-menu").click()
    page.get_by_test_id(item).click()


def _amount(card: Locator, testid: str = "widget-total") -> Decimal:
    """The money figure a card shows under its chart ('Won revenue: 1,250.00' -> 1250.00)."""
    text = card.get_by_test_id(testid).inner_text()
    found = re.search(r"([\d,]+\.\d{2})", text)
    assert found, text
    return Decimal(found[1].replace(",", ""))


def _won_deal(admin: Rest, name: str, amount: str, **fields: str | int) -> dict:
    deal = admin.create("/opportunities", name=name, amount=amount, **fields)
    return admin.call("POST", f"/opportunities/{deal['id']}/won")


def test_customizing_the_page_adds_edits_and_removes_widgets_and_a_reload_keeps_it(
    page: Page, app_server: str
) -> None:
    Rest(app_server).user("dash-custom@rxcrm.test", "Cara Custom", "cara-secret-1")
    _open_dashboard(page, app_server, "dash-custom@rxcrm.test", "cara-secret-1")
    expect(page.get_by_test_id("dashboard-scope")).to_have_text("Your own figures")
    expect(page.get_by_test_id("widget-leaderboard")).to_be_visible(timeout=15_000)
    expect(page.get_by_test_id("widget-funnel")).to_have_count(0)

    page.get_by_test_id("dashboard-customize").click()
    page.get_by_test_id("widget-add").click()
    expect(page.get_by_test_id("catalogue-partners")).to_contain_text("Partner results")
    page.get_by_test_id("catalogue-add-funnel").click()
    funnel = page.get_by_test_id("widget-funnel")
    expect(funnel).to_be_visible(timeout=10_000)
    expect(funnel.get_by_test_id("widget-title")).to_have_text("Sales funnel")

    _menu(page, "funnel", "widget-edit")
    page.get_by_test_id("field-title").fill("Q1 funnel")
    page.get_by_test_id("field-from").fill("2026-01-01")
    page.get_by_test_id("field-to").fill("2026-03-31")
    page.get_by_test_id("widget-save").click()
    expect(funnel.get_by_test_id("widget-title")).to_have_text("Q1 funnel", timeout=10_000)
    expect(funnel.get_by_test_id("widget-words")).to_contain_text("1 Jan 2026 – 31 Mar 2026")

    _menu(page, "leaderboard", "widget-remove")
    expect(page.get_by_test_id("widget-leaderboard")).to_have_count(0, timeout=10_000)

    page.reload()
    expect(funnel.get_by_test_id("widget-title")).to_have_text("Q1 funnel", timeout=20_000)
    expect(funnel.get_by_test_id("widget-words")).to_contain_text("1 Jan 2026 – 31 Mar 2026")
    expect(page.get_by_test_id("widget-leaderboard")).to_have_count(0)
    expect(page.get_by_test_id("widget-revenue")).to_be_visible()


def test_a_baseline_stays_frozen_while_live_data_moves_and_can_be_shown_instead(
    page: Page, app_server: str
) -> None:
    admin = Rest(app_server)
    _won_deal(admin, "Dash Baseline First", "1000.00")
    _open_dashboard(page, app_server, *ADMIN)
    revenue = page.get_by_test_id("widget-revenue")
    expect(revenue.get_by_test_id("widget-total")).to_contain_text("Won revenue:", timeout=15_000)
    frozen = _amount(revenue)
    assert frozen >= Decimal("1000.00")

    _menu(page, "revenue", "baseline-create")
    page.get_by_test_id("baseline-name").fill("Before the push")
    page.get_by_test_id("baseline-save").click()
    row = page.get_by_test_id("baseline-row").filter(has_text="Before the push")
    expect(row).to_be_visible(timeout=10_000)
    row.get_by_test_id("baseline-overlay").click()
    expect(revenue.get_by_test_id("widget-baseline-name")).to_have_text(
        "Baseline Before the push", timeout=10_000
    )
    assert _amount(revenue, "widget-baseline-total") == frozen
    expect(revenue.locator(".legendtext", has_text="Before the push")).to_have_count(1)

    _won_deal(admin, "Dash Baseline Second", "250.00")
    live = f"{frozen + Decimal('250.00'):,.2f}"
    expect(revenue.get_by_test_id("widget-total")).to_contain_text(live, timeout=LIVE_WITHIN_MS)
    assert _amount(revenue, "widget-baseline-total") == frozen
    expect(revenue.locator(".legendtext", has_text="Before the push")).to_have_count(1)

    _menu(page, "revenue", "baseline-list")
    page.get_by_test_id("baseline-row").filter(has_text="Before the push").get_by_test_id(
        "baseline-display"
    ).click()
    expect(revenue.get_by_test_id("widget-baseline-name")).to_have_text(
        "Showing baseline Before the push", timeout=10_000
    )
    assert _amount(revenue) == frozen
    assert _amount(revenue, "widget-baseline-total") == frozen + Decimal("250.00")

    page.reload()
    expect(revenue.get_by_test_id("widget-baseline-name")).to_have_text(
        "Showing baseline Before the push", timeout=20_000
    )
    assert _amount(revenue) == frozen


def test_an_open_dashboard_shows_deals_made_through_the_api_live(page: Page, app_server: str) -> None:
    admin = Rest(app_server)
    seller = admin.user("dash-live-rep@rxcrm.test", "Lena Live", "lena-secret-1", team="Dash Live")
    admin.user("dash-live-dir@rxcrm.test", "Dora Live", "dora-secret-1", role="director", team="Dash Live")
    _open_dashboard(page, app_server, "dash-live-dir@rxcrm.test", "dora-secret-1")
    expect(page.get_by_test_id("dashboard-scope")).to_have_text("Team Dash Live's figures")
    pipeline = page.get_by_test_id("widget-pipeline_by_stage")
    revenue = page.get_by_test_id("widget-revenue")
    expect(pipeline.get_by_test_id("widget-total")).to_have_text("Open amount: 0.00", timeout=15_000)
    expect(revenue.get_by_test_id("widget-total")).to_have_text("Won revenue: 0.00")
    page.evaluate("window.__sameDocument = true")

    deal = admin.create("/opportunities", name="Dash Live Deal", amount="400.00", owner_id=seller["id"])
    expect(pipeline.get_by_test_id("widget-total")).to_have_text(
        "Open amount: 400.00", timeout=LIVE_WITHIN_MS
    )

    admin.call("POST", f"/opportunities/{deal['id']}/won")
    expect(revenue.get_by_test_id("widget-total")).to_have_text("Won revenue: 400.00", timeout=LIVE_WITHIN_MS)
    expect(pipeline.get_by_test_id("widget-total")).to_have_text("Open amount: 0.00")
    assert page.evaluate("window.__sameDocument === true")  # updated in place, never reloaded

    # Another team's deal, then one of the team's: once the second shows, the first has been counted
    # or left out for good (the dashboard recomputes from the database), and it is left out.
    admin.create("/opportunities", name="Dash Live Other Team", amount="999.00")
    admin.create("/opportunities", name="Dash Live Later", amount="50.00", owner_id=seller["id"])
    expect(pipeline.get_by_test_id("widget-total")).to_have_text("Open amount: 50.00", timeout=LIVE_WITHIN_MS)
