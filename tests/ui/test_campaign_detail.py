"""In Chromium (issue 16): an admin opens a campaign from the list, sees its results and chart, edits its
cost and sees the ROI change; Settings → Campaign statuses refuses to delete a status in use."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.ui.rest import ADMIN, Rest
from tests.ui.test_accounts_flow import log_in


def test_a_campaign_page_shows_results_and_chart_and_follows_a_new_cost(page: Page, app_server: str) -> None:
    admin = Rest(app_server)
    campaign = admin.create("/campaigns", name="Autumn expo", cost="500.00", currency="EUR")
    for name in ("Expo visitor", "Expo caller"):
        admin.create("/leads", name=name, campaign_id=campaign["id"])

    log_in(page, app_server, *ADMIN)
    page.get_by_test_id("nav-campaigns").click()
    page.get_by_test_id(f"campaign-link-{campaign['id']}").click()
    expect(page.get_by_test_id("campaign-name")).to_have_text("Autumn expo", timeout=15_000)
    expect(page.get_by_test_id("campaign-result-leads")).to_have_text("2")
    expect(page.get_by_test_id("campaign-result-cost_per_lead")).to_have_text("250.00 EUR")
    expect(page.get_by_test_id("campaign-result-roi_percent")).to_have_text("-100.0 %")
    expect(page.get_by_test_id("campaign-chart").locator(".js-plotly-plot")).to_be_visible(timeout=15_000)

    page.get_by_test_id("campaign-edit").click()
    page.get_by_test_id("field-cost").fill("0")
    page.get_by_test_id("campaign-save").click()
    expect(page.get_by_text("Campaign 'Autumn expo' saved.")).to_be_visible(timeout=15_000)
    assert admin.call("GET", f"/campaigns/{campaign['id']}")["cost"] == "0.00"
    expect(page.get_by_test_id("campaign-result-roi_percent")).to_have_text("—", timeout=15_000)
    expect(page.get_by_test_id("campaign-result-cost_per_lead")).to_have_text("0.00 EUR")

    page.get_by_test_id("tab-leads").click()
    expect(page.get_by_test_id("campaign-lead-row")).to_have_count(2)

    page.goto(f"{app_server}/settings/campaign-statuses")
    page.get_by_test_id("campaign-status-new").fill("planned")
    page.get_by_test_id("campaign-status-add").click()
    expect(page.get_by_text("Campaign status 'planned' added.")).to_be_visible(timeout=15_000)
    active = next(s for s in admin.call("GET", "/campaign-statuses")["items"] if s["name"] == "active")
    page.get_by_test_id(f"campaign-status-delete-{active['id']}").click()
    expect(page.get_by_text("have the status 'active'")).to_be_visible(timeout=15_000)
