"""In Chromium at 1280x800: no main page grows wider than the window, for the admin, a rep and a director.

The pages are collected from the sidebar (and the Settings section list), so a new menu entry is
checked without touching this test. The board has its own fit work (helper H2): when it is the only
page that overflows, the case is an expected failure, never a silent pass.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from playwright.sync_api import Page, expect

from tests.ui.rest import ADMIN, Rest
from tests.ui.settle import settle
from tests.ui.test_accounts_flow import log_in

VIEWPORT = {"width": 1280, "height": 800}
BOARD = "/pipeline"
LONG = "Internationale Handelsgesellschaft für Präzisionsmessinstrumente und Laborbedarf"


@pytest.fixture
def page_1280(browser, app_server: str):  # noqa: ANN001, ANN201
    """A fresh context at a 1280x800 laptop window."""
    context = browser.new_context(base_url=app_server, viewport=VIEWPORT)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def wide_data(app_server: str) -> Iterator[None]:
    """Data that makes tables wide, as a real company has: a full year of targets, long names."""
    admin = Rest(app_server)
    tag = uuid.uuid4().hex[:8]
    name = f"Maximiliane Lindqvist-Oberhausen {tag}"
    rep = admin.user(f"fit-wide-{tag}@rxcrm.test", name, "fit-secret-123")
    months = [f"/targets/{rep['id']}/{datetime.now(UTC).year}-{m:02d}" for m in range(1, 13)]
    for month in months:
        admin.call("PUT", month, amount="380000.00")
    admin.create("/accounts", name=f"{LONG} {tag}")
    yield
    for month in months:  # other tests count the year's targets
        admin.call("DELETE", month, 204)


def _persona(app_server: str, role: str) -> tuple[str, str]:
    """The admin, or a new rep/director with a long-named account of their own; returns the login."""
    if role == "admin":
        return ADMIN
    admin = Rest(app_server)
    tag = uuid.uuid4().hex[:8]
    email, password = f"fit-{role}-{tag}@rxcrm.test", "fit-secret-123"
    admin.user(email, f"Fit {role.title()} {tag}", password, role=role, team="Fit Team")
    Rest(app_server, email, password).create("/accounts", name=f"{LONG} {tag}")
    return email, password


def _overflow_px(page: Page) -> int:
    """How far the page is wider than the window, watched until its data has arrived (the DOM is still)."""
    return settle(page, stop_on_overflow=True)


def _hrefs(page: Page, prefix: str) -> list[str]:
    """The targets of the links whose test id starts with `prefix`."""
    return page.eval_on_selector_all(
        f'a[data-testid^="{prefix}"]', "links => links.map(a => a.getAttribute('href'))"
    )


def _visit(page: Page, href: str, link: str | None = None, ready: str | None = None) -> None:
    """Follow a link of the app by client-side navigation (the session and socket stay); wait for the
    new address and, where given, the `ready` test id."""
    page.locator(link or f'a[href="{href}"]').first.click()
    page.wait_for_url(lambda url: url.split("?")[0].rstrip("/").endswith(href.rstrip("/")))
    if ready:
        expect(page.get_by_test_id(ready)).to_be_visible()
    expect(page.get_by_test_id("user-menu")).to_be_visible()


def main_pages(page: Page) -> Iterator[str]:
    """Open every menu page (and Settings section, and the notifications) in turn; yield each address
    once it is shown. Also used by the accessibility scan (tests/ui/test_accessibility.py)."""
    for href in [*_hrefs(page, "nav-"), "/notifications"]:
        _visit(page, href, '[data-testid="notifications-bell"]' if href == "/notifications" else None)
        yield href
        if href == "/settings":
            for section in _hrefs(page, "settings-nav-"):
                _visit(page, section, ready="settings-section-" + section.rsplit("/", 1)[-1])
                yield section


def _overflowing_pages(page: Page) -> dict[str, int]:
    """Every menu page (and Settings section) that is wider than the window, with the excess in px."""
    found = {href: _overflow_px(page) for href in main_pages(page)}
    assert len(found) >= 8, f"too few menu pages found: {sorted(found)}"
    return {href: px for href, px in found.items() if px > 0}


@pytest.mark.usefixtures("wide_data")
@pytest.mark.parametrize("role", ["admin", "rep", "director"])
def test_no_main_page_is_wider_than_a_1280_window(page_1280: Page, app_server: str, role: str) -> None:
    log_in(page_1280, app_server, *_persona(app_server, role))
    expect(page_1280.get_by_test_id("nav-dashboard")).to_be_visible(timeout=15_000)
    for control in ("notifications-bell", "user-menu"):
        box = page_1280.get_by_test_id(control).bounding_box()
        assert box is not None and box["x"] + box["width"] <= VIEWPORT["width"], f"{control} is off-screen"
    wide = _overflowing_pages(page_1280)
    if set(wide) == {BOARD}:
        pytest.xfail("board fit: helper H2")
    assert wide == {}, f"pages wider than 1280 px (excess in px) for the {role}: {wide}"


def test_a_first_visit_lands_on_the_login_without_an_error_and_the_app_has_a_favicon(
    page_1280: Page, app_server: str
) -> None:
    page_1280.goto(f"{app_server}/accounts")
    expect(page_1280.get_by_test_id("login-email")).to_be_visible(timeout=15_000)
    expect(page_1280.get_by_test_id("login-error")).to_have_count(0)
    # The accounts page's own load answers after the redirect: once a later event (a failed login) has
    # its answer, that one has arrived too, and the only message is the login's.
    page_1280.get_by_test_id("login-email").fill("first-visit@rxcrm.test")
    page_1280.get_by_test_id("login-password").fill("not-a-password")
    page_1280.get_by_test_id("login-submit").click()
    expect(page_1280.get_by_test_id("login-error")).to_have_text("Wrong e-mail or password.", timeout=15_000)
    expect(page_1280.get_by_text("Please log in")).to_have_count(0)
    icon = page_1280.locator('link[rel="icon"]')
    expect(icon).to_have_count(1)
    answer = page_1280.request.get(f"{app_server}{icon.get_attribute('href')}")
    assert answer.status == 200 and answer.body()[:4] == b"\x00\x00\x01\x00"  # an ICO file
