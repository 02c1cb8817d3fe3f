"""In Chromium: the opportunity page — stage bar, lost reason, activities, business roles, copy, delete."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.ui.rest import ADMIN, Rest
from tests.ui.test_accounts_flow import log_in


def _stages(admin: Rest) -> dict[str, int]:
    return {s["name"]: s["id"] for s in admin.call("GET", "/stages")["items"]}


def _open(page: Page, base_url: str, deal_id: int, name: str) -> None:
    page.goto(f"{base_url}/opportunities/{deal_id}")
    expect(page.get_by_test_id("opportunity-name")).to_have_text(name, timeout=15_000)


def _act(page: Page, action: str) -> None:
    """Choose an entry of the actions menu and wait until the menu has closed."""
    page.get_by_test_id("opportunity-actions").click()
    page.get_by_test_id(action).click()
    expect(page.get_by_role("menu")).to_have_count(0)


def test_clicking_the_stage_bar_moves_the_deal_and_a_lost_stage_asks_why(page: Page, app_server: str) -> None:
    admin = Rest(app_server)
    stages = _stages(admin)
    deal = admin.create("/opportunities", name="Stage Bar Deal", amount="900.00", tags=["hot"])
    log_in(page, app_server, *ADMIN)
    expect(page.get_by_test_id("nav-pipeline")).to_be_visible(timeout=15_000)
    _open(page, app_server, deal["id"], "Stage Bar Deal")
    expect(page.get_by_test_id(f"stage-segment-{stages['Prospecting']}")).to_have_attribute(
        "data-current", "yes"
    )
    expect(page.get_by_test_id("opportunity-tags")).to_contain_text("hot")

    page.get_by_test_id(f"stage-segment-{stages['Proposal']}").click()
    expect(page.get_by_test_id(f"stage-segment-{stages['Proposal']}")).to_have_attribute(
        "data-current", "yes", timeout=10_000
    )
    page.reload()
    expect(page.get_by_test_id("data-stage")).to_have_text("Proposal", timeout=15_000)
    expect(page.get_by_test_id("data-probability")).to_have_text("60 %")
    page.get_by_test_id("tab-history").click()
    moved = page.get_by_test_id("history-row").filter(has_text="probability").filter(has_text="60")
    expect(moved).to_contain_text("Test Admin")

    page.get_by_test_id(f"stage-segment-{stages['Lost']}").click()
    page.get_by_test_id("confirm").click()
    expect(page.get_by_test_id("error-reason")).to_have_text("Reason: say why the deal was lost")
    expect(page.get_by_test_id("opportunity-status")).to_have_text("open")
    page.get_by_test_id("lost-reason").fill("Budget frozen")  # the dialog stays open, the reason marked
    page.get_by_test_id("confirm").click()
    expect(page.get_by_test_id("opportunity-status")).to_have_text("lost", timeout=10_000)
    page.get_by_test_id("tab-data").click()
    expect(page.get_by_test_id("data-lost_reason")).to_have_text("Budget frozen")
    assert admin.call("GET", f"/opportunities/{deal['id']}")["lost_reason"] == "Budget frozen"


def test_business_role_and_an_activity_added_corrected_and_removed(page: Page, app_server: str) -> None:
    admin = Rest(app_server)
    admin.create("/contacts", first_name="Berta", last_name="Roleplay")
    deal = admin.create("/opportunities", name="Roles And Activities Deal")
    log_in(page, app_server, *ADMIN)
    expect(page.get_by_test_id("nav-pipeline")).to_be_visible(timeout=15_000)
    _open(page, app_server, deal["id"], "Roles And Activities Deal")

    page.get_by_test_id("tab-roles").click()
    page.get_by_test_id("lookup-deal-role-contact").fill("Rolepl")  # a type-to-search lookup, not a list
    page.get_by_role("option", name="Berta Roleplay").click()
    page.get_by_test_id("role-role").fill("Decision maker")
    page.get_by_test_id("role-note").fill("Signs the order")
    page.get_by_test_id("role-add").click()
    role = page.get_by_test_id("business-role-row")
    expect(role).to_contain_text("Berta Roleplay", timeout=10_000)
    expect(role).to_contain_text("Decision maker")

    page.get_by_test_id("tab-activities").click()
    page.get_by_test_id("activity-category").click()
    page.get_by_role("option", name="Call", exact=True).click()
    page.get_by_test_id("activity-note").fill("First call with Berta")
    page.get_by_test_id("activity-add").click()
    activity = page.get_by_test_id("activity-row")
    expect(activity).to_contain_text("First call with Berta", timeout=10_000)
    expect(activity).to_contain_text("Call")

    activity.get_by_test_id("activity-edit").click()
    page.get_by_test_id("field-category_id").click()
    page.get_by_role("option", name="Meeting", exact=True).click()
    page.get_by_test_id("field-at").fill("2030-05-17")
    page.get_by_test_id("field-note").fill("Meeting with Berta")
    page.get_by_test_id("activity-save").click()
    expect(activity).to_contain_text("Meeting with Berta", timeout=10_000)
    expect(activity).to_contain_text("2030-05-17")
    expect(activity).to_contain_text("Meeting")

    activity.get_by_test_id("activity-delete").click()
    expect(page.get_by_test_id("activity-row")).to_have_count(0, timeout=10_000)
    assert admin.call("GET", f"/activities?entity=opportunity&entity_id={deal['id']}")["total"] == 0


def test_copy_opens_the_copy_and_delete_asks_first(page: Page, app_server: str) -> None:
    admin = Rest(app_server)
    deal = admin.create("/opportunities", name="Copy Me Deal", amount="450.00")
    log_in(page, app_server, *ADMIN)
    expect(page.get_by_test_id("nav-pipeline")).to_be_visible(timeout=15_000)
    _open(page, app_server, deal["id"], "Copy Me Deal")

    _act(page, "action-copy")
    expect(page.get_by_test_id("opportunity-name")).to_have_text("Copy of Copy Me Deal", timeout=10_000)
    expect(page).not_to_have_url(re.compile(rf"/opportunities/{deal['id']}$"))
    expect(page.get_by_test_id("opportunity-amount")).to_have_text("450.00 EUR")
    copy_id = int(page.url.rstrip("/").rsplit("/", 1)[-1])

    _act(page, "action-delete")
    page.get_by_role("button", name="Cancel").click()
    expect(page.get_by_test_id("opportunity-name")).to_have_text("Copy of Copy Me Deal")
    _act(page, "action-delete")
    page.get_by_test_id("confirm").click()
    expect(page).to_have_url(re.compile(r"/opportunities$"), timeout=10_000)
    admin.call("GET", f"/opportunities/{copy_id}", expect=404)
    assert admin.call("GET", f"/opportunities/{deal['id']}")["name"] == "Copy Me Deal"


def test_edit_win_sell_unlock_and_link_a_project_an_account_and_a_task(page: Page, app_server: str) -> None:
    admin = Rest(app_server)
    admin.create("/projects", name="Renewals South")
    admin.create("/accounts", name="Related Works AG")
    deal = admin.create("/opportunities", name="Menu Actions Deal", amount="100.00")
    log_in(page, app_server, *ADMIN)
    expect(page.get_by_test_id("nav-pipeline")).to_be_visible(timeout=15_000)
    _open(page, app_server, deal["id"], "Menu Actions Deal")

    _act(page, "action-edit")
    page.get_by_test_id("field-amount").fill("12.345")
    page.get_by_test_id("field-tags").fill("hot, renewal")
    page.get_by_test_id("opportunity-save").click()
    expect(page.get_by_test_id("error-amount")).to_contain_text("two decimals")
    page.get_by_test_id("field-amount").fill("2500.50")
    page.get_by_test_id("opportunity-save").click()
    expect(page.get_by_test_id("opportunity-amount")).to_have_text("2,500.50 EUR", timeout=10_000)
    expect(page.get_by_test_id("opportunity-tags")).to_contain_text("renewal")

    for action, title, choice in (
        ("action-move-project", "project", "Renewals South"),
        ("action-related-account", "account", "Related Works AG"),
    ):
        _act(page, action)
        page.get_by_test_id(f"lookup-deal-pick-{title}").fill(choice[:9])  # typed into a lookup, never a list
        page.get_by_role("option", name=choice).click()
        page.get_by_test_id("confirm").click()
        expect(page.get_by_test_id(f"data-{title}")).to_have_text(choice, timeout=10_000)

    _act(page, "action-new-task")  # a real task, linked to the deal and its account
    page.get_by_test_id("field-title").fill("Send the renewal offer")
    page.get_by_test_id("field-due_date").fill("2031-01-15")
    page.get_by_test_id("task-save").click()
    expect(page.get_by_text("Task 'Send the renewal offer' saved.")).to_be_visible(timeout=10_000)
    [task] = admin.call("GET", f"/tasks?opportunity_id={deal['id']}")["items"]
    assert (task["title"], task["due_date"], task["status"]) == (
        "Send the renewal offer",
        "2031-01-15",
        "open",
    )

    _act(page, "action-won")
    expect(page.get_by_test_id("opportunity-status")).to_have_text("won", timeout=10_000)
    quote = admin.create("/quotes", opportunity_id=deal["id"], name="Offer")
    item = {"name": "Service", "quantity": "1", "unit": "piece", "unit_price": "10.00"}
    admin.create(f"/quotes/{quote['id']}/items", **item)
    page.get_by_test_id("opportunity-sold").click()
    page.get_by_test_id("confirm").click()
    expect(page.get_by_test_id("opportunity-locked")).to_be_visible(timeout=10_000)
    _act(page, "action-unlock")
    expect(page.get_by_test_id("opportunity-locked")).to_have_count(0, timeout=10_000)
    assert admin.call("GET", f"/opportunities/{deal['id']}")["locked"] is False


def test_a_deal_links_its_records_and_its_history_reads_names_and_money(page: Page, app_server: str) -> None:
    admin = Rest(app_server)
    account = admin.create("/accounts", name="Linked Records GmbH", type="company")
    contact = admin.create("/contacts", first_name="Lina", last_name="Linkedperson", account_id=account["id"])
    campaign = admin.create("/campaigns", name="Linked Spring Mailing")
    deal = admin.create("/opportunities", name="Linked Records Deal", account_id=account["id"], amount="9.00")
    admin.call(
        "PATCH",
        f"/opportunities/{deal['id']}",
        contact_id=contact["id"],
        amount="13250.00",
        campaign_id=campaign["id"],
    )
    log_in(page, app_server, *ADMIN)
    expect(page.get_by_test_id("nav-pipeline")).to_be_visible(timeout=15_000)
    _open(page, app_server, deal["id"], "Linked Records Deal")
    expect(page.get_by_test_id("data-campaign")).to_have_text("Linked Spring Mailing")
    expect(page.get_by_test_id("data-second_owner")).to_have_count(0)  # empty: no bare label
    expect(page.get_by_text("Second manager", exact=True)).to_have_count(0)

    page.get_by_test_id("tab-history").click()
    history = page.get_by_test_id("history-table")
    expect(history).to_contain_text("Lina Linkedperson")
    expect(history).to_contain_text("13,250.00 EUR")
    expect(history).to_contain_text("Linked Spring Mailing")
    expect(history).not_to_contain_text("13250.00")

    _act(page, "action-edit")  # the edit form's lookups start on the deal's records
    expect(page.get_by_test_id("lookup-chosen-deal-account")).to_have_text("Linked Records GmbH")
    expect(page.get_by_test_id("lookup-chosen-deal-campaign")).to_have_text("Linked Spring Mailing")
    page.get_by_test_id("lookup-clear-deal-campaign").click()
    page.get_by_test_id("opportunity-save").click()
    page.get_by_test_id("tab-data").click()
    expect(page.get_by_test_id("data-campaign")).to_have_count(0, timeout=10_000)
    assert admin.call("GET", f"/opportunities/{deal['id']}")["campaign_id"] is None

    page.get_by_test_id("data-account").click()
    expect(page.get_by_test_id("account-name")).to_have_text("Linked Records GmbH", timeout=15_000)
    page.go_back()
    page.get_by_test_id("data-contact").click()
    expect(page.get_by_test_id("contact-name")).to_have_text("Lina Linkedperson", timeout=15_000)
