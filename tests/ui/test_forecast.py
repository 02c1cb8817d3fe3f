"""In Chromium: the forecast shows the weighted open pipeline (won/lost by closing date), then quarters."""

from __future__ import annotations

from datetime import UTC, datetime

from playwright.sync_api import Page, expect

from tests.ui.lookups import pick_record
from tests.ui.rest import ADMIN, Rest
from tests.ui.test_accounts_flow import log_in


def _arrange_deals(admin: Rest) -> None:
    """Four deals of one rep closing in early 2031 (a range no other browser test uses)."""
    stages = {s["kind"]: s["id"] for s in reversed(admin.call("GET", "/stages")["items"])}
    owner = admin.user("fiona@rxcrm.test", "Fiona Forecast", "fiona-secret-1", team="Forecasters")["id"]
    deals = [
        ("Fc open Feb", "1000.00", "2031-02-10", {"probability": 30}),
        ("Fc open Mar", "2000.00", "2031-03-15", {"probability": 50}),
        ("Fc won", "500.00", "2031-02-20", {"stage_id": stages["won"]}),
        ("Fc lost", "400.00", "2031-03-01", {"stage_id": stages["lost"], "lost_reason": "Too expensive"}),
    ]
    for name, amount, close_date, extra in deals:
        admin.create(
            "/opportunities",
            name=name,
            amount=amount,
            close_date=close_date,
            owner_id=owner,
            currency="EUR",
            **extra,
        )


def test_forecast_shows_weighted_pipeline_by_month_then_by_quarter(page: Page, app_server: str) -> None:
    _arrange_deals(Rest(app_server))
    log_in(page, app_server, *ADMIN)
    expect(page.get_by_test_id("nav-forecast")).to_be_visible(timeout=15_000)
    page.get_by_test_id("nav-forecast").click()
    expect(page.get_by_test_id("forecast-chart")).to_be_visible(timeout=15_000)
    page.get_by_test_id("forecast-from").fill("2031-01-01")
    page.get_by_test_id("forecast-to").fill("2031-12-31")

    # the future months hold the open deals only: the won and lost deals expected then were closed today
    rows = page.get_by_test_id("forecast-row")
    expect(rows).to_have_count(2, timeout=10_000)
    expect(rows.nth(0)).to_contain_text("2031-02")
    expect(rows.nth(0)).to_contain_text("Fiona Forecast")
    expect(rows.nth(0)).to_contain_text("300.00")
    expect(rows.nth(0)).not_to_contain_text("500.00")
    expect(rows.nth(1)).to_contain_text("2031-03")
    expect(rows.nth(1)).to_contain_text("1,000.00")
    expect(rows.nth(1)).not_to_contain_text("400.00")
    expect(page.get_by_test_id("forecast-total-weighted")).to_have_text("1,300.00")
    expect(page.get_by_test_id("forecast-total-won")).to_have_text("0.00")
    expect(page.get_by_test_id("forecast-total-lost")).to_have_text("0.00")
    expect(page.get_by_test_id("forecast-chart").locator(".main-svg").first).to_be_visible(timeout=15_000)
    expect(page.get_by_test_id("forecast-note")).to_contain_text("period they were closed")

    # over every date, Fiona's won and lost deals show in the month they were closed (this one)
    page.get_by_test_id("forecast-from").fill("")
    pick_record(page, "forecast-owner", "fiona", "Fiona Forecast")  # typed, not a list of every user
    this_month = datetime.now(UTC).strftime("%Y-%m")
    expect(rows).to_have_count(3, timeout=10_000)
    expect(rows.nth(0)).to_contain_text(this_month)
    expect(rows.nth(0)).to_contain_text("500.00")
    expect(rows.nth(0)).to_contain_text("400.00")
    expect(page.get_by_test_id("forecast-total-won")).to_have_text("500.00")
    expect(page.get_by_test_id("forecast-total-lost")).to_have_text("400.00")
    page.get_by_test_id("lookup-clear-forecast-owner-filter").click()  # × : all owners again
    expect(page.get_by_test_id("forecast-owner")).to_have_value("")
    page.get_by_test_id("forecast-from").fill("2031-01-01")

    page.get_by_test_id("forecast-period").get_by_role("radio", name="Quarter").click()
    expect(rows).to_have_count(1, timeout=10_000)
    expect(rows.first).to_contain_text("2031-Q1")
    expect(rows.first).to_contain_text("1,300.00")

    page.get_by_test_id("forecast-group").get_by_role("radio", name="Team").click()
    expect(rows.first).to_contain_text("Forecasters", timeout=10_000)
    expect(page.get_by_test_id("forecast-total-weighted")).to_have_text("1,300.00")
