"""In Chromium (issue 16): a rep adds a Skype channel on a contact's page and links two accounts on the
Relations tab; the link shows on both accounts, the other one reading the counterpart label."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.ui.lookups import pick_record
from tests.ui.rest import ADMIN, Rest
from tests.ui.test_accounts_flow import log_in


def test_a_skype_channel_and_a_link_between_two_accounts(page: Page, app_server: str) -> None:
    admin = Rest(app_server)
    acme = admin.create("/accounts", name="Channel Acme", type="company")
    bolt = admin.create("/accounts", name="Channel Bolt", type="company")
    contact = admin.create("/contacts", last_name="Kern", first_name="Ann", account_id=acme["id"])

    log_in(page, app_server, *ADMIN)
    expect(page.get_by_test_id("user-menu")).to_be_visible(timeout=15_000)
    page.goto(f"{app_server}/contacts/{contact['id']}")
    expect(page.get_by_test_id("contact-name")).to_have_text("Ann Kern", timeout=15_000)
    page.get_by_test_id("channel-type").click()
    page.get_by_role("option", name="Skype", exact=True).click()
    page.get_by_test_id("channel-value").fill("ann.kern")
    page.get_by_test_id("channel-add").click()
    expect(page.get_by_test_id("contact-channel")).to_have_count(1, timeout=15_000)
    expect(page.get_by_test_id("contact-channel")).to_contain_text("Skype")
    expect(page.get_by_test_id("contact-channel")).to_contain_text("ann.kern")
    page.get_by_test_id("channel-type").click()
    page.get_by_role("option", name="Website", exact=True).click()
    page.get_by_test_id("channel-value").fill("javascript:alert(1)")
    page.get_by_test_id("channel-add").click()
    expect(page.get_by_text("is not a web address")).to_be_visible(timeout=15_000)
    expect(page.get_by_test_id("contact-channel")).to_have_count(1)

    page.goto(f"{app_server}/accounts/{acme['id']}?tab=relations")
    expect(page.get_by_test_id("account-name")).to_have_text("Channel Acme", timeout=15_000)
    pick_record(page, "lookup-relation-account", "Channel Bo", "Channel Bolt")
    page.get_by_test_id("relation-label").fill("Supplier")
    page.get_by_test_id("relation-add").click()
    expect(page.get_by_test_id("relation-row")).to_have_count(1, timeout=15_000)
    expect(page.get_by_test_id("relation-row")).to_contain_text("Channel Bolt")
    expect(page.get_by_test_id("relation-row")).to_contain_text("Supplier")

    page.get_by_test_id("relation-row").get_by_role("link", name="Channel Bolt").click()
    expect(page.get_by_test_id("account-name")).to_have_text("Channel Bolt", timeout=15_000)
    assert page.url.split("?")[0].endswith(f"/accounts/{bolt['id']}")
    page.get_by_test_id("tab-relations").click()
    expect(page.get_by_test_id("relation-row")).to_contain_text("Channel Acme", timeout=15_000)
    expect(page.get_by_test_id("relation-row")).to_contain_text("Customer")
