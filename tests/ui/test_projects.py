"""In Chromium (issue 16): an admin adds a sub-project of "CRM" with a responsible from the Projects page,
sees it indented below its parent in the tree, and opens its page with the responsible as a member."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.ui.lookups import pick_record
from tests.ui.rest import ADMIN, Rest
from tests.ui.test_accounts_flow import log_in


def test_a_sub_project_with_a_responsible_shows_in_the_tree_and_opens(page: Page, app_server: str) -> None:
    admin = Rest(app_server)
    admin.user("rhea@projects.test", "Rhea Responsible", "rhea-secret-123")
    crm = next(p for p in admin.call("GET", "/projects?q=CRM")["items"] if p["name"] == "CRM")

    log_in(page, app_server, *ADMIN)
    page.get_by_test_id("nav-projects").click()
    page.get_by_test_id(f"project-add-sub-{crm['id']}").click()
    expect(page.get_by_test_id("lookup-chosen-project-parent")).to_have_text("CRM")
    page.get_by_test_id("field-name").fill("North region")
    pick_record(page, "lookup-project-responsible", "Rhea", "Rhea Responsible")
    expect(page.get_by_test_id("project-member-chip-responsible")).to_have_text("Rhea Responsible")
    expect(page.get_by_test_id("lookup-project-responsible")).to_have_value("")  # the picker is free again
    page.get_by_test_id("project-save").click()
    expect(page.get_by_test_id("project-save")).to_have_count(0)

    row = page.locator("[data-testid^=project-row-]", has_text="North region")
    expect(row).to_contain_text("Rhea Responsible")
    link = row.get_by_role("link", name="North region")
    expect(link).to_have_css("padding-left", "24px")  # one level below CRM
    link.click()
    expect(page.get_by_test_id("project-name")).to_have_text("North region", timeout=15_000)
    expect(page.get_by_text("Part of")).to_be_visible()
    page.get_by_test_id("tab-members").click()
    expect(page.get_by_test_id("project-member-row")).to_contain_text("Rhea Responsible")
    expect(page.get_by_test_id("project-member-row")).to_contain_text("Responsible")
    project_id = page.url.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
    expect(page.get_by_test_id("project-overview-link")).to_have_attribute(
        "href", f"/projects/{project_id}/overview"
    )
