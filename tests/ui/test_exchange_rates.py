"""In Chromium: an admin sets an exchange rate in Settings and the board adds a Swiss-franc deal in euros."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.ui.rest import ADMIN, Rest
from tests.ui.test_accounts_flow import log_in
from tests.ui.test_pipeline_board import _open_board, _stages


def test_a_rate_set_in_settings_converts_foreign_deals_in_the_column_total(
    page: Page, app_server: str
) -> None:
    admin = Rest(app_server)
    prospecting = _stages(admin)["Prospecting"]
    admin.create("/opportunities", name="Rate Euro Deal", amount="100.00")
    admin.create("/opportunities", name="Rate Franc Deal", amount="200.00", currency="CHF")
    log_in(page, app_server, *ADMIN)
    expect(page.get_by_test_id("nav-pipeline")).to_be_visible(timeout=15_000)
    _open_board(page, app_server, "Rate ", 2)
    expect(page.get_by_test_id(f"kanban-column-amount-{prospecting}")).to_have_text("100.00 EUR")

    page.goto(f"{app_server}/settings/currencies")
    page.get_by_test_id("rate-currency").fill("chf")
    page.get_by_test_id("rate-value").fill("1.05")
    page.get_by_test_id("rate-save").click()
    expect(page.get_by_test_id("rate-CHF")).to_contain_text("1 CHF = 1.05 EUR", timeout=10_000)

    _open_board(page, app_server, "Rate ", 2)
    expect(page.get_by_test_id(f"kanban-column-amount-{prospecting}")).to_have_text("310.00 EUR")
    page.goto(f"{app_server}/settings/currencies")
    page.get_by_test_id("rate-remove-CHF").click()
    expect(page.get_by_test_id("rate-CHF")).to_have_count(0, timeout=10_000)
