"""In Chromium: a rep adds a personal contact to an account, then erases the person's data."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.ui.rest import ADMIN, Rest
from tests.ui.test_accounts_flow import log_in


def test_contact_created_for_an_account_shows_on_its_people_tab_and_can_be_anonymized(
    page: Page, app_server: str
) -> None:
    log_in(page, app_server, *ADMIN)
    page.get_by_test_id("nav-accounts").click()
    page.get_by_test_id("account-new").click()
    page.locator("input[name=name]").fill("Contact Home AG")
    page.get_by_test_id("account-save").click()
    expect(page.get_by_test_id("account-name")).to_have_text("Contact Home AG", timeout=10_000)

    page.get_by_test_id("nav-contacts").click()
    page.get_by_test_id("contact-new").click()
    page.get_by_test_id("contact-save").click()
    expect(page.get_by_test_id("error-last_name")).to_have_text("Last name is required")
    page.locator("input[name=first_name]").fill("Giulia")
    page.locator("input[name=last_name]").fill("Verdi")
    page.locator("input[name=email]").fill("giulia.verdi@example.com")
    page.get_by_test_id("lookup-contact-account").fill("home a")  # type-to-search, not a long dropdown
    page.get_by_role("option", name="Contact Home AG").click()
    expect(page.get_by_test_id("lookup-chosen-contact-account")).to_have_text("Contact Home AG")
    page.get_by_test_id("contact-save").click()
    expect(page.get_by_test_id("contact-row").filter(has_text="Verdi")).to_contain_text("Contact Home AG")
    page.get_by_test_id("filter-kind_filter").click()
    page.get_by_role("option", name="Consultants", exact=True).click()
    expect(page.get_by_test_id("contact-row").filter(has_text="Verdi")).to_have_count(0)
    page.get_by_test_id("filter-kind_filter").click()
    page.get_by_role("option", name="Employees", exact=True).click()
    expect(page.get_by_test_id("contact-row").filter(has_text="Verdi")).to_have_count(1)

    page.get_by_test_id("global-search").fill("Contact Home")
    page.get_by_test_id("search-hit").first.click()
    page.get_by_test_id("tab-people").click()
    page.get_by_test_id("person-row").filter(has_text="Giulia Verdi").get_by_role("link").click()
    expect(page.get_by_test_id("contact-name")).to_have_text("Giulia Verdi", timeout=10_000)

    page.get_by_test_id("contact-anonymize").click()
    page.get_by_role("button", name="Erase").click()
    expect(page.get_by_test_id("contact-name")).to_have_text("(anonymized)", timeout=10_000)
    page.get_by_test_id("tab-history").click()
    expect(page.get_by_test_id("history-table")).not_to_contain_text("giulia.verdi@example.com")


def test_an_account_adds_a_contact_from_its_people_tab(page: Page, app_server: str) -> None:
    account = Rest(app_server).create("/accounts", name="People Tab Werke", type="company")
    log_in(page, app_server, *ADMIN)
    expect(page.get_by_test_id("nav-accounts")).to_be_visible(timeout=15_000)
    page.goto(f"{app_server}/accounts/{account['id']}")
    page.get_by_test_id("tab-people").click()
    page.get_by_test_id("account-add-contact").click()
    chosen = page.get_by_test_id("lookup-chosen-contact-account")
    expect(chosen).to_have_text("People Tab Werke", timeout=15_000)
    page.locator("input[name=last_name]").fill("Neumann")
    page.get_by_test_id("contact-save").click()
    expect(page.get_by_test_id("account-name")).to_have_text("People Tab Werke", timeout=15_000)
    expect(page.get_by_test_id("person-row").filter(has_text="Neumann")).to_have_count(1, timeout=10_000)
