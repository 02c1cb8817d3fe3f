"""In Chromium: send a templated e-mail with the quote document from the deal page; see it on the timeline."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.ui.rest import Rest
from tests.ui.test_accounts_flow import log_in

REP = ("mail.rep@rxcrm.test", "mail-rep-secret-1")


def test_rep_sends_a_templated_email_with_the_quote_attached(page: Page, app_server: str) -> None:
    admin = Rest(app_server)
    admin.user(REP[0], "Mia Mailer", REP[1])
    admin.create(
        "/email-templates",
        name="Offer mail",
        subject="Your offer for {{ opportunity.name }}",
        body="Dear {{ contact.name }},\nattached is our offer {{ quote.number }}.\n{{ owner.name }}",
    )
    rep = Rest(app_server, *REP)
    account = rep.create("/accounts", name="Mailbox GmbH")
    contact = rep.create(
        "/contacts", first_name="Olga", last_name="Øster", email="olga@example.com", account_id=account["id"]
    )
    deal = rep.create(
        "/opportunities", name="Mail Flow Deal", account_id=account["id"], contact_id=contact["id"]
    )
    quote = rep.create("/quotes", opportunity_id=deal["id"], name="Mail offer")
    rep.call("POST", f"/quotes/{quote['id']}/items", 201, name="Widget", quantity="1", unit_price="10.00")
    document = rep.create(f"/quotes/{quote['id']}/document")

    log_in(page, app_server, *REP)
    expect(page.get_by_test_id("nav-pipeline")).to_be_visible(timeout=15_000)
    page.goto(f"{app_server}/opportunities/{deal['id']}")
    page.get_by_test_id("opportunity-email").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Olga Øster", timeout=10_000)  # the deal's contact is the recipient
    page.get_by_test_id("email-template").click()
    page.get_by_role("option", name="Offer mail", exact=True).click()
    expect(page.get_by_test_id("email-subject")).to_have_value("Your offer for {{ opportunity.name }}")
    page.get_by_test_id(f"email-file-{document['id']}").click()
    page.get_by_test_id("email-send").click()
    expect(page.get_by_text("the e-mail to olga@example.com is in the outbox")).to_be_visible(timeout=15_000)

    [email] = rep.call("GET", f"/emails?entity=opportunity&entity_id={deal['id']}")["items"]
    assert email["status"] == "outbox" and email["attachment_ids"] == [document["id"]]
    assert email["subject"] == "Your offer for Mail Flow Deal"
    assert email["body"].startswith("Dear Olga Øster,") and "Mia Mailer" in email["body"]
    page.get_by_test_id("tab-activities").click()
    activity = page.get_by_test_id("activity-row")
    expect(activity).to_contain_text("E-mail to Olga Øster <olga@example.com>", timeout=10_000)
    expect(activity).to_contain_text(document["filename"])
