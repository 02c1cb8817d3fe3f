"""In Chromium against the running app: log in, create an account, edit it, read its history."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.ui.rest import ADMIN, Rest


def log_in(page: Page, base_url: str, email: str, password: str) -> None:
    """Fill the login form and submit it."""
    page.goto(f"{base_url}/login")
    page.get_by_test_id("login-email").fill(email)
    page.get_by_test_id("login-password").fill(password)
    page.get_by_test_id("login-submit").click()


def test_wrong_password_shows_a_clear_message_and_right_one_opens_the_app(
    page: Page, app_server: str
) -> None:
    log_in(page, app_server, ADMIN[0], "not-the-password")
    expect(page.get_by_test_id("login-error")).to_contain_text("Wrong e-mail or password")
    page.get_by_test_id("login-password").fill(ADMIN[1])
    page.get_by_test_id("login-submit").click()
    expect(page.get_by_test_id("nav-accounts")).to_be_visible(timeout=15_000)
    page.get_by_test_id("user-menu").click()
    page.get_by_test_id("logout").click()
    expect(page.get_by_test_id("login-email")).to_be_visible(timeout=10_000)
    page.goto(f"{app_server}/accounts")
    expect(page.get_by_test_id("login-email")).to_be_visible(timeout=10_000)


def test_create_edit_account_and_see_its_history(page: Page, app_server: str) -> None:
    log_in(page, app_server, *ADMIN)
    page.get_by_test_id("nav-accounts").click()
    page.get_by_test_id("account-new").click()
    page.get_by_test_id("account-save").click()
    expect(page.get_by_test_id("error-name")).to_have_text("Name is required")
    page.locator("input[name=name]").fill("Playwright Robotics GmbH")
    page.locator("input[name=email]").fill("not-an-email")
    page.get_by_test_id("account-save").click()
    expect(page.get_by_test_id("error-email")).to_contain_text("valid e-mail")
    page.locator("input[name=email]").fill("hello@robotics.example")
    page.locator("input[name=city]").fill("Bonn")
    page.get_by_test_id("account-save").click()
    expect(page.get_by_test_id("account-name")).to_have_text("Playwright Robotics GmbH", timeout=10_000)
    expect(page).to_have_url(re.compile(r"/accounts/\d+$"))

    manager = Rest(app_server).user("new.manager@rxcrm.test", "Sonja Manager", "manager-secret-1")
    page.get_by_test_id("account-edit").click()
    page.locator("input[name=city]").fill("Köln")
    expect(page.get_by_test_id("lookup-chosen-account-owner")).to_have_text("Test Admin")  # the current owner
    page.get_by_test_id("lookup-clear-account-owner").click()
    page.get_by_test_id("lookup-account-owner").fill("sonja man")  # typed, not a list of every user
    page.get_by_test_id(f"lookup-option-account-owner-{manager['id']}").click()
    page.get_by_test_id("account-save").click()
    expect(page.get_by_test_id("data-city")).to_have_text("Köln", timeout=10_000)
    account_id = int(page.url.rsplit("/", 1)[-1])
    assert Rest(app_server).call("GET", f"/accounts/{account_id}")["owner_id"] == manager["id"]

    page.reload()
    expect(page.get_by_test_id("data-city")).to_have_text("Köln", timeout=10_000)
    page.get_by_test_id("tab-history").click()
    change = page.get_by_test_id("history-row").filter(has_text="Köln")
    expect(change.locator("td").nth(2)).to_have_text("City")  # the field's label, not its key
    expect(change).to_contain_text("Bonn")
    expect(change).to_contain_text("Admin")


def test_new_account_appears_in_search_and_global_search(page: Page, app_server: str) -> None:
    log_in(page, app_server, *ADMIN)
    page.get_by_test_id("nav-accounts").click()
    page.get_by_test_id("account-new").click()
    page.locator("input[name=name]").fill("Searchable Owls Ltd")
    page.get_by_test_id("account-save").click()
    expect(page.get_by_test_id("account-name")).to_have_text("Searchable Owls Ltd", timeout=10_000)
    page.get_by_test_id("global-search").fill("owls")
    page.get_by_test_id("search-hit").first.click()
    expect(page.get_by_test_id("account-name")).to_have_text("Searchable Owls Ltd", timeout=10_000)
    page.get_by_test_id("nav-accounts").click()
    page.get_by_test_id("accounts-search").fill("Searchable Owls")
    expect(page.get_by_test_id("account-row")).to_have_count(1, timeout=10_000)


def test_private_account_of_another_user_is_not_shown_by_url(page: Page, app_server: str) -> None:
    admin = Rest(app_server)
    secret = admin.create("/accounts", name="Admin Secret Ltd", is_private=True)
    admin.create("/accounts", name="Admin Secretariat Open Ltd")  # a hit to wait for
    admin.user("viewer@rxcrm.test", "Vera Viewer", "viewer-secret-1")
    log_in(page, app_server, "viewer@rxcrm.test", "viewer-secret-1")
    expect(page.get_by_test_id("nav-accounts")).to_be_visible(timeout=15_000)
    page.goto(f"{app_server}/accounts/{secret['id']}")
    expect(page.get_by_test_id("record-not-found")).to_be_visible(timeout=10_000)
    page.get_by_test_id("global-search").fill("Admin Secret")
    # The open account's hit shows that the search has answered; the private one is not among the hits.
    expect(page.get_by_test_id("search-hit")).to_have_text(
        [re.compile("Admin Secretariat Open Ltd")], timeout=10_000
    )


def test_anonymizing_a_person_account_from_its_page_erases_the_person(page: Page, app_server: str) -> None:
    rest = Rest(app_server)
    person = rest.create(
        "/accounts", type="person", first_name="Petra", last_name="Privat", email="petra@privat.test"
    )
    company = rest.create("/accounts", name="Firma Ohne Person GmbH")
    log_in(page, app_server, *ADMIN)
    expect(page.get_by_test_id("nav-accounts")).to_be_visible(timeout=15_000)
    page.goto(f"{app_server}/accounts/{company['id']}")
    expect(page.get_by_test_id("account-name")).to_have_text("Firma Ohne Person GmbH", timeout=15_000)
    expect(page.get_by_test_id("action-anonymize")).to_have_count(0)
    page.goto(f"{app_server}/accounts/{person['id']}")
    expect(page.get_by_test_id("account-name")).to_have_text("Petra Privat", timeout=15_000)
    page.get_by_test_id("action-anonymize").click()
    page.get_by_test_id("action-anonymize-confirm").click()
    expect(page.get_by_test_id("account-name")).to_have_text("(anonymized)", timeout=15_000)
    erased = rest.call("GET", f"/accounts/{person['id']}")
    assert (erased["first_name"], erased["last_name"], erased["email"]) == (None, "(anonymized)", None)
    history = rest.call("GET", f"/accounts/{person['id']}/history")
    assert "petra" not in str(history).lower()
