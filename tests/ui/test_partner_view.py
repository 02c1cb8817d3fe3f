"""In Chromium: a partner user sees his/her partner's world only — no Settings, no splitter, no budgets."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.ui.rest import Rest
from tests.ui.test_accounts_flow import log_in

PARTNER_LOGIN = ("pia@brightside.test", "pia-secret-12")


def _add_partner_organisation(tmp_path_factory: pytest.TempPathFactory, name: str) -> int:
    """The API has no partner resource yet: add the organisation to the running app's SQLite file."""
    databases = sorted(Path(tmp_path_factory.getbasetemp()).glob("app*/crm.db"))
    assert databases, "the app_server fixture's database was not found"
    with sqlite3.connect(databases[-1]) as db:
        cursor = db.execute(
            "INSERT INTO partner (name, active, created_at) VALUES (?, 1, '2026-01-01 00:00:00.000000')",
            (name,),
        )
        return int(cursor.lastrowid)


def test_a_partner_user_sees_no_settings_splitter_or_campaign_budgets(
    page: Page, app_server: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    admin = Rest(app_server)
    partner_id = _add_partner_organisation(tmp_path_factory, "Brightside Resellers")
    email, password = PARTNER_LOGIN
    admin.user(email, "Pia Partner", password, role="partner", partner_id=partner_id)
    admin.create("/campaigns", name="Brightside roadshow", budget="54321.00", cost="1234.00")

    log_in(page, app_server, *PARTNER_LOGIN)
    expect(page.get_by_test_id("nav-accounts")).to_be_visible(timeout=15_000)
    expect(page.get_by_test_id("nav-leads")).to_be_visible()
    for hidden in ("nav-settings", "nav-campaigns", "nav-price-books", "nav-contracts"):
        expect(page.get_by_test_id(hidden)).to_have_count(0)

    page.goto(f"{app_server}/settings")
    expect(page.get_by_test_id("settings-not-available")).to_contain_text(
        "not available for your role", timeout=15_000
    )
    expect(page.get_by_test_id("api-key-name")).to_have_count(0)

    page.goto(f"{app_server}/leads/splitter")
    expect(page.get_by_test_id("splitter-not-available")).to_contain_text(
        "not available for your role", timeout=15_000
    )
    expect(page.get_by_test_id("lead-tab-splitter")).to_have_count(0)

    page.goto(f"{app_server}/campaigns")
    expect(page.get_by_text("Brightside roadshow")).to_be_visible(timeout=15_000)
    expect(page.get_by_role("columnheader", name="Budget")).to_have_count(0)
    expect(page.get_by_role("columnheader", name="Cost")).to_have_count(0)
    expect(page.get_by_text("54,321.00")).to_have_count(0)
