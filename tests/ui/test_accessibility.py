"""In Chromium at 1280x800: an axe-core scan of every main page, in light and dark mode, finds nothing
serious or critical; the board's cards move and its Lost dialog works by keyboard alone (and passes in
both modes). A partner user's pages pass as well; a director's pages and every form and dialog are
scanned in tests/ui/test_accessibility_forms.py.

The pages are the ones tests/ui/test_fit_1280.py walks (sidebar, Settings sections, notifications);
axe-core comes bundled with the `axe-playwright-python` wheel (no download at test time).
"""

from __future__ import annotations

import uuid

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import Page, expect

from tests.ui.rest import ADMIN, Rest
from tests.ui.settle import settle
from tests.ui.test_accounts_flow import log_in
from tests.ui.test_fit_1280 import (
    _persona,
    _visit,
    main_pages,
    page_1280,
)

__all__ = ["page_1280"]  # the fixture, imported for pytest

SEVERE = ("serious", "critical")
SCAN_JS = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(
    v => ({id: v.id, impact: v.impact, targets: v.nodes.map(n => n.target.join(' ') + (
      v.id === 'color-contrast' && n.any[0] && n.any[0].data
        ? ` [${n.any[0].data.fgColor} on ${n.any[0].data.bgColor}: ${n.any[0].data.contrastRatio}]` : ''))}));
}"""
IS_DARK_JS = "document.documentElement.classList.contains('dark')"
FOCUSED_TESTID_JS = "document.activeElement && document.activeElement.getAttribute('data-testid')"
IN_DIALOG_JS = "!!(document.activeElement && document.activeElement.closest('[role=dialog]'))"


def _severe(page: Page) -> list[str]:
    """The serious/critical axe-core violations on the page as shown now: 'rule-id (impact): targets'."""
    settle(page)
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)  # stays loaded across the app's client-side navigation
    found = page.evaluate(SCAN_JS)
    return [
        f"{v['id']} ({v['impact']}): {'; '.join(v['targets'][:4])}{' …' if len(v['targets']) > 4 else ''}"
        for v in found
        if v["impact"] in SEVERE
    ]


def _set_mode(page: Page, dark: bool) -> None:
    """Switch light/dark with the header's colour toggle, as a user does."""
    if page.evaluate(IS_DARK_JS) != dark:
        page.get_by_role("button", name="Light or dark mode").click()
    page.wait_for_function(IS_DARK_JS if dark else f"!{IS_DARK_JS}")


def _report(problems: dict[str, list[str]]) -> str:
    return "\n".join(f"{where}:\n  " + "\n  ".join(found) for where, found in problems.items())


def test_every_main_page_passes_axe_in_light_and_dark_mode(page_1280: Page, app_server: str) -> None:
    page = page_1280
    problems: dict[str, list[str]] = {}
    page.goto(f"{app_server}/login")
    expect(page.get_by_test_id("login-email")).to_be_visible(timeout=15_000)
    if found := _severe(page):
        problems["light /login"] = found
    log_in(page, app_server, *ADMIN)
    expect(page.get_by_test_id("nav-dashboard")).to_be_visible(timeout=15_000)
    for landmark in ("navigation", "banner", "main"):  # one of each on every page of the shell
        expect(page.get_by_role(landmark)).to_have_count(1)
    scanned = 0
    for dark in (False, True):
        _set_mode(page, dark)
        for href in main_pages(page):
            scanned += 1
            if found := _severe(page):
                problems[f"{'dark' if dark else 'light'} {href}"] = found
    assert scanned >= 16, f"too few pages scanned: {scanned}"
    assert problems == {}, "serious/critical axe-core violations:\n" + _report(problems)


def _tab_to(page: Page, testid: str, limit: int = 80) -> None:
    """Press Tab until the element with this test id has the focus (fails after `limit` presses)."""
    for _ in range(limit):
        if page.evaluate(FOCUSED_TESTID_JS) == testid:
            return
        page.keyboard.press("Tab")
    pytest.fail(f"{testid} never got the focus after {limit} Tab presses")


def _tab_in_dialog_to(page: Page, testid: str) -> None:
    """Once the dialog a button opened has the focus, press Tab until this element in it has the focus."""
    page.wait_for_function(IN_DIALOG_JS, timeout=10_000)
    _tab_to(page, testid, limit=20)


def test_the_board_passes_axe_and_a_card_moves_by_keyboard_alone(page_1280: Page, app_server: str) -> None:
    page = page_1280
    email, password = _persona(app_server, "rep")
    tag = uuid.uuid4().hex[:8]
    deal = Rest(app_server, email, password).create(
        "/opportunities", name=f"Keyboard Deal {tag}", amount="10"
    )
    stages = {s["name"]: s["id"] for s in Rest(app_server).call("GET", "/stages")["items"]}
    log_in(page, app_server, email, password)
    expect(page.get_by_test_id("nav-pipeline")).to_be_visible(timeout=15_000)
    page.get_by_test_id("nav-pipeline").click()
    expect(page.get_by_test_id("kanban-board")).to_be_visible(timeout=15_000)
    page.get_by_test_id("board-search").fill(tag)
    card_id = f"opportunity-card-{deal['id']}"
    card = page.get_by_test_id(card_id)
    expect(card).to_be_visible(timeout=10_000)
    problems = {}
    for dark in (False, True):
        _set_mode(page, dark)
        if found := _severe(page):
            problems[f"{'dark' if dark else 'light'} /pipeline"] = found

    page.get_by_test_id("board-search").focus()  # start where the user typed the search
    menu = f"card-menu-{deal['id']}"
    _tab_to(page, menu)
    page.keyboard.press("Enter")
    _tab_in_dialog_to(page, f"card-move-{deal['id']}-{stages['Proposal']}")
    page.keyboard.press("Enter")
    in_proposal = page.get_by_test_id(f"kanban-column-{stages['Proposal']}").get_by_test_id(card_id)
    expect(in_proposal).to_be_visible(timeout=10_000)

    # Lost asks why in a dialog: the focus goes in and stays in; Escape closes it and nothing moves.
    _tab_to(page, menu)
    page.keyboard.press("Enter")
    _tab_in_dialog_to(page, f"card-move-{deal['id']}-{stages['Lost']}")
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible(timeout=10_000)
    page.wait_for_function(IN_DIALOG_JS)
    for _ in range(6):
        page.keyboard.press("Tab")
        assert page.evaluate(IN_DIALOG_JS), "Tab left the open dialog"
    page.get_by_test_id("lost-confirm").click()  # no reason: the dialog stays, the reason marked
    expect(page.get_by_test_id("error-reason")).to_be_visible(timeout=10_000)
    if found := _severe(page):
        problems["dark lost dialog"] = found
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0, timeout=5_000)
    expect(in_proposal).to_be_visible()

    _set_mode(page, False)  # and the same dialog in light mode, opened with the mouse this time
    page.get_by_test_id(menu).click()
    page.get_by_test_id(f"card-move-{deal['id']}-{stages['Lost']}").click()
    page.get_by_test_id("lost-confirm").click()
    expect(page.get_by_test_id("error-reason")).to_be_visible(timeout=10_000)
    if found := _severe(page):
        problems["light lost dialog"] = found
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0, timeout=5_000)
    assert problems == {}, "serious/critical axe-core violations:\n" + _report(problems)
    assert Rest(app_server).call("GET", f"/opportunities/{deal['id']}")["stage_id"] == stages["Proposal"]


def _scan_pages(page: Page, problems: dict[str, list[str]], who: str) -> int:
    """Scan every main page in light mode, then the dashboard in dark mode; returns the pages scanned."""
    _set_mode(page, False)
    scanned = 0
    for href in main_pages(page):
        scanned += 1
        if found := _severe(page):
            problems[f"{who} light {href}"] = found
    _visit(page, "/", '[data-testid="nav-dashboard"]')
    _set_mode(page, True)
    if found := _severe(page):
        problems[f"{who} dark dashboard"] = found
    _set_mode(page, False)
    return scanned


def test_the_partner_users_pages_pass_axe(page_1280: Page, app_server: str) -> None:
    page = page_1280
    tag = uuid.uuid4().hex[:8]
    partner_id = Rest(app_server).create("/partners", name=f"Axe Resellers {tag}")["id"]
    email, password = f"axe-partner-{tag}@rxcrm.test", "axe-partner-secret-1"
    Rest(app_server).user(email, f"Axe Partner {tag}", password, role="partner", partner_id=partner_id)
    log_in(page, app_server, email, password)
    expect(page.get_by_test_id("nav-dashboard")).to_be_visible(timeout=15_000)
    problems: dict[str, list[str]] = {}
    assert _scan_pages(page, problems, "partner") >= 4
    assert problems == {}, "serious/critical axe-core violations:\n" + _report(problems)
