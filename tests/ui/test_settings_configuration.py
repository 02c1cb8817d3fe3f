"""In Chromium: Settings › Pipeline, edits a stage's probability and colour; adds a category."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.ui.rest import ADMIN, Rest
from tests.ui.test_accounts_flow import log_in


def test_admin_changes_a_stage_probability_and_adds_a_category(page: Page, app_server: str) -> None:
    admin = Rest(app_server)
    stage = admin.call("GET", "/stages")["items"][1]
    log_in(page, app_server, *ADMIN)
    page.get_by_test_id("nav-settings").click()
    page.get_by_test_id("settings-nav-pipeline").click()
    expect(page).to_have_url(f"{app_server}/settings/pipeline")
    probability = page.get_by_test_id(f"stage-probability-{stage['id']}")
    probability.fill("35")
    probability.blur()
    expect(page.get_by_text(f"Stage '{stage['name']}' saved.")).to_be_visible(timeout=10_000)
    colour = page.get_by_test_id(f"stage-color-{stage['id']}")
    expect(colour).to_have_attribute("aria-label", f"Colour of stage {stage['name']}")
    colour.click()
    page.get_by_test_id("stage-color-teal").click()
    expect(page.get_by_text(f"Stage '{stage['name']}' saved.").last).to_be_visible(timeout=10_000)
    page.locator("input[name=category_name]").fill("Trade fair visit")
    page.get_by_test_id("category_name-add").click()
    expect(page.get_by_text("Category 'Trade fair visit' added.")).to_be_visible(timeout=10_000)
    page.locator("input[name=project_name]").fill("CRM South")
    page.get_by_test_id("project_name-add").click()
    expect(page.get_by_text("Project 'CRM South' added.")).to_be_visible(timeout=10_000)
    assert "CRM South" in [p["name"] for p in admin.call("GET", "/projects")["items"]]
    page.reload()
    expect(page.get_by_test_id(f"stage-probability-{stage['id']}")).to_have_value("35", timeout=10_000)
    assert admin.call("GET", f"/stages/{stage['id']}")["probability"] == 35
    assert admin.call("GET", f"/stages/{stage['id']}")["color"] == "#12a594"
