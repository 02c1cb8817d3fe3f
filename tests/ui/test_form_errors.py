"""In Chromium at 1280x800: a form's problem sits on its field in the user's words and goes once fixed."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.ui.rest import Rest
from tests.ui.test_accounts_flow import log_in

ERROR_TOASTS = "[data-sonner-toast][data-type=error]"
SUCCESS_TOASTS = "[data-sonner-toast][data-type=success]"


@pytest.fixture
def laptop(browser, app_server: str) -> Iterator[Page]:  # noqa: ANN001
    """A fresh context at a 1280x800 laptop window, in a browser set to India's time zone."""
    context = browser.new_context(
        base_url=app_server, viewport={"width": 1280, "height": 800}, timezone_id="Asia/Kolkata"
    )
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def test_a_missing_category_is_marked_on_the_field_and_vanishes_once_fixed_lost_asks_why_in_place(
    laptop: Page, app_server: str
) -> None:
    page, admin = laptop, Rest(app_server)
    email = f"forms-{uuid.uuid4().hex[:8]}@rxcrm.test"
    rep = admin.user(email, "Forma Rep", "forms-secret-1")
    deal = admin.create("/opportunities", name="Form Words Deal", amount="500.00", owner_id=rep["id"])
    log_in(page, app_server, email, "forms-secret-1")
    expect(page.get_by_test_id("nav-pipeline")).to_be_visible()
    page.get_by_test_id("user-menu").click()  # the browser's zone became the user's at the first visit
    zone = re.compile(r"Times in Asia/(Kolkata|Calcutta)")  # Chromium's ICU still says Calcutta
    expect(page.get_by_test_id("user-time-zone")).to_have_text(zone)
    page.keyboard.press("Escape")
    page.goto(f"{app_server}/opportunities/{deal['id']}")
    expect(page.get_by_test_id("opportunity-name")).to_have_text("Form Words Deal")

    page.get_by_test_id("tab-activities").click()
    page.get_by_test_id("activity-note").fill("Called about the price")
    page.get_by_test_id("activity-add").click()
    problem = page.get_by_test_id("activity-error-category_id")
    expect(problem).to_have_text("Category is required")
    expect(page.locator(ERROR_TOASTS)).to_contain_text("Please correct the form: Category is required")
    expect(page.get_by_text("category_id")).to_have_count(0)
    expect(page.get_by_test_id("activity-note")).to_have_value("Called about the price")  # nothing retyped

    page.get_by_test_id("activity-category").click()
    page.get_by_role("option", name="Call", exact=True).click()
    expect(problem).to_have_count(0)  # picking a category takes its problem away before any submit
    page.get_by_test_id("activity-add").click()
    expect(page.get_by_test_id("activity-row")).to_contain_text("Called about the price", timeout=10_000)
    expect(page.get_by_test_id("activity-row")).to_contain_text("IST")  # a time in the user's zone
    expect(problem).to_have_count(0)
    expect(page.locator(SUCCESS_TOASTS)).to_contain_text("Activity logged.")
    expect(page.locator(ERROR_TOASTS)).to_have_count(0)  # the red toast does not stay beside the green one

    page.get_by_test_id("opportunity-actions").click()
    expect(page.get_by_test_id("action-lost")).to_have_text("Mark as lost")
    page.get_by_test_id("action-lost").click()
    expect(page.get_by_role("dialog")).to_contain_text("Mark as lost")
    page.get_by_test_id("confirm").click()
    expect(page.get_by_test_id("error-reason")).to_have_text("Reason: say why the deal was lost")
    expect(page.get_by_test_id("lost-reason")).to_have_attribute("aria-invalid", "true")
    page.get_by_test_id("lost-reason").press_sequentially("Chose a cheaper offer")
    expect(page.get_by_test_id("error-reason")).to_have_count(0)  # typing a reason takes the mark away
    expect(page.get_by_test_id("lost-reason")).to_have_attribute("aria-invalid", "false")
    page.get_by_test_id("confirm").click()
    expect(page.get_by_test_id("opportunity-status")).to_have_text("lost", timeout=10_000)
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(page.locator(ERROR_TOASTS)).to_have_count(0)


def test_a_fields_problem_goes_while_the_user_types_and_comes_back_if_still_wrong(
    laptop: Page, app_server: str
) -> None:
    page, tag = laptop, uuid.uuid4().hex[:8]
    email = f"typing-{tag}@rxcrm.test"
    Rest(app_server).user(email, "Typing Rep", "typing-secret-1")
    log_in(page, app_server, email, "typing-secret-1")
    expect(page.get_by_test_id("nav-contacts")).to_be_visible()
    page.get_by_test_id("nav-contacts").click()
    page.get_by_test_id("contact-new").click()
    page.get_by_test_id("field-email").fill("not an address")
    page.get_by_test_id("contact-save").click()
    last_name = page.get_by_test_id("field-last_name")
    last_name_problem = page.get_by_test_id("error-last_name")
    expect(last_name_problem).to_have_text("Last name is required")
    expect(page.get_by_test_id("error-email")).to_be_visible()

    last_name.press_sequentially(f"Typist {tag}")
    expect(last_name_problem).to_have_count(0)  # gone without a submit ...
    expect(page.get_by_test_id("error-email")).to_be_visible()  # ... and only that field's problem
    expect(page.get_by_role("dialog")).to_be_visible()

    last_name.fill("")
    page.get_by_test_id("contact-save").click()  # still empty: the next submit marks it again
    expect(last_name_problem).to_have_text("Last name is required")
    last_name.fill(f"Typist {tag}")
    page.get_by_test_id("field-email").fill(f"typist-{tag}@example.com")
    expect(page.get_by_test_id("error-email")).to_have_count(0)
    page.get_by_test_id("contact-save").click()
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(page.locator(SUCCESS_TOASTS)).to_be_visible()
