"""In Chromium at 1280x800: every form and dialog a user opens passes an axe-core scan in light and dark
mode, with its problems shown where a form has them (red text has to be readable too).

A director's forms (account, lead, contact, campaign, disqualify, quote and its item modes, Mark as lost)
and the admin's settings forms (splitter rule editor, custom field, workflow rule); the board's Lost
dialog is scanned by the board test in tests/ui/test_accessibility.py. One logged-in page per persona.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.ui.rest import ADMIN, Rest
from tests.ui.test_accessibility import IS_DARK_JS, _report, _scan_pages, _set_mode, _severe
from tests.ui.test_accounts_flow import log_in
from tests.ui.test_fit_1280 import _persona, _visit, page_1280

__all__ = ["page_1280"]  # the fixture, imported for pytest

Problems = dict[str, list[str]]


def _modes(page: Page) -> tuple[bool, bool]:
    """The mode shown now, then the other: one toggle per form instead of two."""
    dark = page.evaluate(IS_DARK_JS)
    return dark, not dark


def _scan(page: Page, problems: Problems, where: str) -> None:
    """Scan the page as shown now, filed under the mode it is in."""
    if found := _severe(page):
        problems[f"{'dark' if page.evaluate(IS_DARK_JS) else 'light'} {where}"] = found


def _scan_in_both_modes(page: Page, problems: Problems, where: str) -> None:
    """Scan a page (or an inline form) as shown now, in one mode and then the other."""
    for dark in _modes(page):
        _set_mode(page, dark)
        _scan(page, problems, where)


def _open(page: Page, opener: str | tuple[str, ...], ready: str) -> None:
    for testid in (opener,) if isinstance(opener, str) else opener:
        page.get_by_test_id(testid).click()
    expect(page.get_by_test_id(ready)).to_be_visible(timeout=10_000)


def _scan_dialog(
    page: Page,
    problems: Problems,
    where: str,
    opener: str | tuple[str, ...],
    ready: str,
    then: Callable[[Page], None] | None = None,
) -> None:
    """Open a dialog (clicking `opener` in turn), do `then` (e.g. submit it empty to show its problems),
    scan it, close it with Escape; again in the other mode (the colour toggle sits behind the dialog)."""
    for dark in _modes(page):
        _set_mode(page, dark)
        _open(page, opener, ready)
        if then is not None:
            then(page)
        _scan(page, problems, where)
        page.keyboard.press("Escape")
        expect(page.get_by_role("dialog")).to_have_count(0, timeout=5_000)


def _submits_empty(save: str, problem: str) -> Callable[[Page], None]:
    """Submit the form as it is and wait for the problem it shows on a field."""

    def submit(page: Page) -> None:
        page.get_by_test_id(save).click()
        expect(page.get_by_test_id(problem).first).to_be_visible(timeout=10_000)

    return submit


def _scan_record_forms(page: Page, problems: Problems, lead_id: int) -> None:
    _visit(page, "/accounts", '[data-testid="nav-accounts"]')
    _scan_dialog(page, problems, "new-account form", "account-new", "account-save")
    _visit(page, "/leads", '[data-testid="nav-leads"]')
    _scan_dialog(page, problems, "new-lead form", "lead-new", "lead-save")
    _visit(page, "/contacts", '[data-testid="nav-contacts"]')
    shows_last_name = _submits_empty("contact-save", "error-last_name")
    _scan_dialog(page, problems, "new-contact form", "contact-new", "contact-save", shows_last_name)
    _visit(page, "/campaigns", '[data-testid="nav-campaigns"]')
    shows_name = _submits_empty("campaign-save", "error-name")
    _scan_dialog(page, problems, "new-campaign form", "campaign-new", "campaign-save", shows_name)
    page.goto(f"/leads/{lead_id}")
    expect(page.get_by_test_id("lead-actions")).to_be_visible(timeout=15_000)
    _scan_dialog(
        page, problems, "disqualify dialog", ("lead-actions", "action-disqualify"), "disqualify-reason"
    )


def _scan_deal_forms(page: Page, problems: Problems, deal_id: int) -> None:
    page.goto(f"/opportunities/{deal_id}")
    expect(page.get_by_test_id("tab-quotes")).to_be_visible(timeout=15_000)
    _scan_in_both_modes(page, problems, "deal page")
    shows_reason = _submits_empty("confirm", "error-reason")
    _scan_dialog(
        page, problems, "lost dialog", ("opportunity-actions", "action-lost"), "lost-reason", shows_reason
    )
    page.get_by_test_id("tab-quotes").click()
    _scan_dialog(page, problems, "new-quote dialog", "quote-new", "quote-name")
    page.get_by_test_id("quote-new").click()
    page.get_by_test_id("quote-name").fill("Axe offer")
    page.get_by_test_id("quote-save").click()
    expect(page.get_by_test_id("quote-total")).to_have_text("0.00 EUR", timeout=10_000)
    for mode, ready in (
        ("item", "quote-item-search"),
        ("bundle", "quote-bundle-select"),
        ("free", "quote-free-name"),
        ("rounding", "quote-rounding-target"),
    ):
        _scan_dialog(page, problems, f"quote {mode} dialog", f"quote-{mode}-add", ready)


def test_the_directors_pages_and_the_forms_they_open_pass_axe(page_1280: Page, app_server: str) -> None:
    page = page_1280
    email, password = _persona(app_server, "director")
    director = Rest(app_server, email, password)
    deal = director.create("/opportunities", name="Axe Deal", amount="10")
    tag = uuid.uuid4().hex[:8]
    lead = director.create("/leads", name=f"Axe Lead {tag}", email=f"axe-{tag}@lead.test", source="web")
    log_in(page, app_server, email, password)
    expect(page.get_by_test_id("nav-dashboard")).to_be_visible(timeout=15_000)
    problems: Problems = {}
    assert _scan_pages(page, problems, "director") >= 10
    _scan_record_forms(page, problems, lead["id"])
    _scan_deal_forms(page, problems, deal["id"])
    assert problems == {}, "serious/critical axe-core violations:\n" + _report(problems)


def _pick(page: Page, trigger: str, option: str) -> None:
    """Choose an option of a select found by its test id (or, for a bare `rx.select`, its label)."""
    by_id = page.get_by_test_id(trigger)
    (by_id if by_id.count() else page.get_by_role("combobox", name=trigger, exact=True)).click()
    page.get_by_role("option", name=option, exact=True).click()


def test_the_settings_forms_pass_axe_in_light_and_dark_mode(page_1280: Page, app_server: str) -> None:
    page = page_1280
    log_in(page, app_server, *ADMIN)
    expect(page.get_by_test_id("nav-settings")).to_be_visible(timeout=15_000)
    problems: Problems = {}

    page.goto("/leads/splitter")
    expect(page.get_by_test_id("rule-new")).to_be_visible(timeout=15_000)

    def with_an_assignee(page: Page) -> None:
        _pick(page, "rule-condition-field-0", "custom field…")
        adder = page.get_by_test_id("rule-add-user")
        adder.click()
        if adder.evaluate("e => e.tagName") == "INPUT":  # the type-to-search picker replacing the select
            adder.fill("Test Admin")
        page.get_by_role("option", name="Test Admin", exact=True).click()
        expect(page.get_by_test_id("rule-percent-0")).to_be_visible()

    _scan_dialog(page, problems, "splitter rule editor", "rule-new", "rule-name", with_an_assignee)

    page.goto("/settings/custom-fields")
    expect(page.get_by_test_id("custom-field-add")).to_be_visible(timeout=15_000)
    _pick(page, "custom-field-type", "List")
    page.get_by_test_id("custom-field-add").click()  # empty: the problems show on the fields
    expect(page.get_by_test_id("error-label")).to_be_visible(timeout=10_000)
    _scan_in_both_modes(page, problems, "custom-field form with problems")

    _visit(page, "/settings/workflows", ready="settings-workflows")
    _pick(page, "Trigger", "field_changed")
    _pick(page, "Action", "notify")
    expect(page.get_by_test_id("workflow-message")).to_be_visible()
    _scan_in_both_modes(page, problems, "workflow rule form")
    assert problems == {}, "serious/critical axe-core violations:\n" + _report(problems)
