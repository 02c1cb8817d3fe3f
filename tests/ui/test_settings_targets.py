"""In Chromium: an admin sets a rep's monthly target in Settings, sees it after a reload and clears it."""

from __future__ import annotations

from datetime import UTC, datetime

from playwright.sync_api import Page, expect

from tests.ui.lookups import pick_record
from tests.ui.rest import ADMIN, Rest
from tests.ui.test_accounts_flow import log_in


def _pick(page: Page, name: str, period: str) -> None:
    pick_record(page, "setting-target-user", name.split()[0], name, key="setting-target-user")
    page.get_by_test_id("setting-target-period").fill(period)


def _targets_of(admin: Rest, user_id: int, period: str) -> list[tuple]:
    """The stored targets of one user that year (other tests on the same server set targets too)."""
    stored = admin.call("GET", f"/targets?year={period[:4]}")["items"]
    return [(t["user_id"], t["period"], t["amount"]) for t in stored if t["user_id"] == user_id]


def test_admin_sets_a_target_sees_it_after_reload_and_clears_it(page: Page, app_server: str) -> None:
    admin = Rest(app_server)
    rep = admin.user("tara.target@rxcrm.test", "Tara Target", "target-secret-1")
    period = f"{datetime.now(UTC).year}-03"
    cell = page.get_by_test_id(f"target-{rep['id']}-{period}")
    log_in(page, app_server, *ADMIN)
    expect(page.get_by_test_id("nav-settings")).to_be_visible(timeout=15_000)
    page.goto(f"{app_server}/settings/targets")

    _pick(page, "Tara Target", period)
    page.get_by_test_id("setting-target-amount").fill("25000")
    page.get_by_test_id("setting-target-save").click()
    expect(page.get_by_text(f"Target of Tara Target for {period}: 25,000.00 EUR saved.")).to_be_visible(
        timeout=10_000
    )
    expect(cell).to_have_text("25,000.00")

    page.reload()
    expect(cell).to_have_text("25,000.00", timeout=15_000)
    assert _targets_of(admin, rep["id"], period) == [(rep["id"], period, "25000.00")]

    _pick(page, "Tara Target", period)
    page.get_by_test_id("setting-target-clear").click()
    expect(page.get_by_text(f"Target of Tara Target for {period} cleared.")).to_be_visible(timeout=10_000)
    expect(cell).to_have_text("")
    assert _targets_of(admin, rep["id"], period) == []
