"""In Chromium: the admin sets up the mail server in Settings → E-mail and a test e-mail reaches it."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.services.commerce.mail_server import Accounts, free_port, login_server
from tests.ui.rest import ADMIN, Rest
from tests.ui.test_accounts_flow import log_in

SECRET = "relay-secret-7781"
NO_SERVER = {"host": None, "user": None, "password": None, "sender": None, "port": 587, "starttls": True}


def _fill(page: Page, values: dict[str, str]) -> None:
    for name, value in values.items():
        page.get_by_test_id(f"field-{name}" if name != "password" else "smtp-password").fill(value)


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")  # a local relay, on purpose
def test_admin_saves_the_mail_server_the_password_stays_hidden_and_a_test_email_arrives(
    page: Page, app_server: str
) -> None:
    admin = Rest(app_server)
    port = free_port()
    accounts = Accounts("relay", SECRET)
    try:
        with login_server(port, accounts) as inbox:
            log_in(page, app_server, *ADMIN)
            expect(page.get_by_test_id("nav-settings")).to_be_visible(timeout=15_000)
            page.goto(f"{app_server}/settings/email")
            expect(page.get_by_test_id("smtp-source")).to_contain_text("no mail server", timeout=15_000)
            _fill(page, {"host": "127.0.0.1", "port": "70000", "sender": "crm@example.com"})
            page.get_by_test_id("smtp-save").click()
            expect(page.get_by_test_id("error-port")).to_contain_text("from 1 to 65535", timeout=10_000)
            _fill(page, {"port": str(port), "user": "relay", "password": SECRET})
            page.get_by_test_id("smtp-starttls").click()  # a local relay without TLS
            page.get_by_test_id("smtp-save").click()
            expect(page.get_by_text("Mail server settings saved.")).to_be_visible(timeout=10_000)

            page.reload()
            expect(page.get_by_test_id("field-host")).to_have_value("127.0.0.1", timeout=15_000)
            expect(page.get_by_test_id("field-port")).to_have_value(str(port))
            expect(page.get_by_test_id("smtp-password")).to_have_value("")
            expect(page.get_by_test_id("smtp-password-status")).to_have_text("A password is set.")
            expect(page.get_by_test_id("smtp-source")).to_contain_text("saved here (127.0.0.1)")
            assert SECRET not in page.content()

            page.get_by_test_id("smtp-test").click()
            result = page.get_by_test_id("smtp-test-result")
            expect(result).to_have_text(f"Test e-mail sent to {ADMIN[0]}.", timeout=30_000)
        assert inbox.recipients == [[ADMIN[0]]]
        assert accounts.attempts[-1] == ("relay", SECRET)
        saved = admin.call("GET", "/settings/smtp")
        assert saved["password_set"] and not saved["starttls"] and SECRET not in str(saved)
    finally:
        admin.call("PATCH", "/settings/smtp", **NO_SERVER)  # the other browser tests use the outbox
