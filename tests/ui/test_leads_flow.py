"""In Chromium: leads are qualified, disqualified and archived, and duplicates merged from their pages."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.ui.rest import ADMIN, Rest
from tests.ui.test_accounts_flow import log_in


def _open_lead(page: Page, base_url: str, lead_id: int, name: str) -> None:
    page.goto(f"{base_url}/leads/{lead_id}")
    expect(page.get_by_test_id("lead-name")).to_have_text(name, timeout=15_000)


def _show_list(page: Page, state: str) -> None:
    page.get_by_test_id(f"lead-state-{state}").click()
    expect(page.get_by_test_id(f"lead-state-{state}")).to_have_attribute("data-state", "active")


def test_a_lead_qualified_from_its_page_becomes_an_opportunity_with_account_and_contact(
    page: Page, app_server: str
) -> None:
    rest = Rest(app_server)
    lead = rest.create("/leads", name="Nora Quist", company="Quist Solar AG", email="nora@quist.test")
    log_in(page, app_server, *ADMIN)
    expect(page.get_by_test_id("nav-leads")).to_be_visible(timeout=15_000)
    _open_lead(page, app_server, lead["id"], "Nora Quist")

    page.get_by_test_id("lead-qualify").click()
    expect(page.locator("input[name=name]")).to_have_value("Quist Solar AG")
    expect(page.get_by_test_id("qualify-creates-account")).to_contain_text("A new account is created")
    expect(page.get_by_test_id("qualify-creates-contact")).to_contain_text("A new contact is created")
    page.locator("input[name=amount]").fill("lots")
    page.get_by_test_id("qualify-save").click()
    expect(page.get_by_test_id("error-amount")).to_be_visible()
    assert rest.call("GET", "/accounts?q=Quist")["total"] == 0

    page.locator("input[name=amount]").fill("12500")
    page.locator("input[name=close_date]").fill("2027-03-31")
    expect(page.get_by_test_id("qualify-save")).to_have_text("Qualify")
    page.get_by_test_id("qualify-save").click()
    expect(page).to_have_url(re.compile(r"/opportunities/\d+$"), timeout=15_000)
    expect(page.get_by_test_id("opportunity-name")).to_have_text("Quist Solar AG")
    deal_id = int(page.url.rsplit("/", 1)[-1])

    _open_lead(page, app_server, lead["id"], "Nora Quist")
    expect(page.get_by_test_id("lead-status")).to_have_text("qualified")
    expect(page.get_by_test_id("lead-opportunity-link")).to_have_attribute(
        "href", f"/opportunities/{deal_id}"
    )
    expect(page.get_by_test_id("lead-qualify")).to_have_count(0)
    qualified = rest.call("GET", f"/leads/{lead['id']}")
    assert qualified["opportunity_id"] == deal_id
    assert rest.call("GET", f"/accounts/{qualified['account_id']}")["name"] == "Quist Solar AG"
    people = rest.call("GET", f"/contacts?account_id={qualified['account_id']}")["items"]
    assert [(p["first_name"], p["last_name"], p["email"]) for p in people] == [
        ("Nora", "Quist", "nora@quist.test")
    ]


def test_a_disqualified_then_archived_lead_moves_through_the_lists(page: Page, app_server: str) -> None:
    rest = Rest(app_server)
    rest.create("/leads", name="Dora Disq", email="dora@disq.test", source="fair", owner_id=None)
    log_in(page, app_server, *ADMIN)
    expect(page.get_by_test_id("nav-leads")).to_be_visible(timeout=15_000)
    page.goto(f"{app_server}/leads/free-pool")
    page.get_by_test_id("free-pool-unprocessed").click()
    expect(page.get_by_test_id("lead-row").filter(has_text="Dora Disq")).to_have_count(1, timeout=15_000)

    page.get_by_test_id("lead-row").filter(has_text="Dora Disq").get_by_test_id("lead-link").click()
    expect(page.get_by_test_id("lead-name")).to_have_text("Dora Disq", timeout=15_000)
    page.get_by_test_id("lead-actions").click()
    page.get_by_test_id("action-disqualify").click()
    page.get_by_test_id("confirm").click()
    expect(page.get_by_text("say why the lead is disqualified").first).to_be_visible()
    page.get_by_test_id("disqualify-reason").fill("Student project, no budget")
    page.get_by_test_id("confirm").click()
    expect(page.get_by_test_id("lead-status")).to_have_text("disqualified")
    expect(page.get_by_test_id("data-disqualify_reason")).to_have_text("Student project, no budget")

    page.get_by_test_id("lead-tab-lists").click()
    page.get_by_test_id("leads-search").fill("Dora Disq")
    rows = page.get_by_test_id("lead-row")
    expect(rows).to_have_count(0, timeout=15_000)
    _show_list(page, "disqualified")
    expect(rows).to_have_count(1)
    rows.get_by_test_id("lead-link").click()

    expect(page.get_by_test_id("lead-name")).to_have_text("Dora Disq", timeout=15_000)
    page.get_by_test_id("lead-actions").click()
    page.get_by_test_id("action-archive").click()
    expect(page.get_by_test_id("lead-archived")).to_be_visible()
    page.get_by_test_id("lead-tab-lists").click()
    page.get_by_test_id("leads-search").fill("Dora Disq")
    _show_list(page, "disqualified")
    expect(rows).to_have_count(0, timeout=15_000)
    _show_list(page, "archived")
    expect(rows).to_have_count(1)


def test_a_new_lead_like_a_known_one_is_flagged_and_merged_into_the_original(
    page: Page, app_server: str
) -> None:
    rest = Rest(app_server)
    original = rest.create("/leads", name="Mia Dupont", company="Dupont SA", email="mia@dupont.test")
    log_in(page, app_server, *ADMIN)
    page.get_by_test_id("nav-leads").click()
    page.get_by_test_id("lead-new").click()
    page.get_by_test_id("lead-save").click()
    expect(page.get_by_test_id("error-name")).to_contain_text("needs a name or an e-mail")
    page.locator("input[name=name]").fill("Mia Dupont")
    page.locator("input[name=email]").fill("not-an-address")
    page.get_by_test_id("lead-save").click()
    expect(page.get_by_test_id("error-email")).to_be_visible()
    expect(page.get_by_test_id("error-name")).to_have_count(0)
    page.locator("input[name=email]").fill("MIA@dupont.test")
    page.locator("input[name=phone]").fill("+33 1 5550 1010")
    page.get_by_test_id("lead-save").click()
    expect(page.get_by_text(f"looks like lead {original['id']}")).to_be_visible()

    page.get_by_test_id("leads-search").fill("Mia Dupont")
    rows = page.get_by_test_id("lead-row")
    expect(rows).to_have_count(2, timeout=15_000)
    flagged = rows.filter(has=page.get_by_test_id("duplicate-badge"))
    expect(flagged).to_have_count(1)
    expect(flagged.get_by_test_id("duplicate-badge")).to_have_attribute("href", f"/leads/{original['id']}")
    flagged.get_by_test_id("lead-link").click()

    expect(page.get_by_test_id("lead-original")).to_have_text("Mia Dupont", timeout=15_000)
    duplicate_url = page.url
    page.get_by_test_id("lead-merge").click()
    page.get_by_test_id("confirm").click()
    expect(page).to_have_url(re.compile(rf"/leads/{original['id']}$"), timeout=15_000)
    expect(page.get_by_test_id("data-phone")).to_have_text("+33 1 5550 1010")
    expect(page.get_by_test_id("lead-merge")).to_have_count(0)
    rest.call("GET", f"/leads/{duplicate_url.rsplit('/', 1)[-1]}", expect=404)
    page.goto(duplicate_url)
    expect(page.get_by_test_id("record-not-found")).to_be_visible(timeout=15_000)


def test_anonymizing_a_lead_from_its_page_erases_the_person(page: Page, app_server: str) -> None:
    rest = Rest(app_server)
    lead = rest.create("/leads", name="Gina Gdpr", email="gina@gdpr.test", phone="+49 30 5550101")
    log_in(page, app_server, *ADMIN)
    expect(page.get_by_test_id("nav-leads")).to_be_visible(timeout=15_000)
    page.goto(f"{app_server}/leads/{lead['id']}")
    expect(page.get_by_test_id("lead-name")).to_have_text("Gina Gdpr", timeout=15_000)
    page.get_by_test_id("lead-actions").click()
    page.get_by_test_id("action-anonymize").click()
    page.get_by_test_id("confirm").click()
    expect(page.get_by_test_id("lead-name")).to_have_text("(anonymized)", timeout=15_000)
    erased = rest.call("GET", f"/leads/{lead['id']}")
    assert (erased["name"], erased["email"], erased["phone"]) == ("(anonymized)", None, None)
    history = rest.call("GET", f"/leads/{lead['id']}/history")
    assert not any("gina" in str(line).lower() for line in history)
