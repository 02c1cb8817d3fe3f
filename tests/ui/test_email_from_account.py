"""In Chromium at 1280×800: send a templated e-mail with a file from an account page; see it on the
account's timeline and in the admin's outbox; an account without an addressable contact says why not."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.ui.rest import ADMIN, Rest
from tests.ui.test_accounts_flow import log_in

REP = ("account.mailer@rxcrm.test", "account-mail-secret-1")
NO_OVERFLOW = "document.documentElement.scrollWidth <= window.innerWidth"


def _arrange(app_server: str) -> tuple[Rest, dict, dict, dict]:
    admin = Rest(app_server)
    admin.user(REP[0], "Aria Mailer", REP[1])
    admin.create(
        "/email-templates",
        name="Account news",
        subject="News for {{ account.name }}",
        body="Dear {{ contact.name }},\n[{{ opportunity.name }}][{{ quote.number }}]\n{{ owner.name }}",
    )
    rep = Rest(app_server, *REP)
    account = rep.create("/accounts", name="Postfach AG")
    rep.create(
        "/contacts",
        first_name="Paul",
        last_name="Post",
        email="paul@postfach.example",
        account_id=account["id"],
    )
    sent = {"file": ("terms.txt", b"Our terms and conditions", "text/plain")}
    answer = rep.http.post(f"/accounts/{account['id']}/attachments", files=sent)
    assert answer.status_code == 201, answer.text
    silent = rep.create("/accounts", name="Stumm GmbH")
    rep.create("/contacts", last_name="Nomail", account_id=silent["id"])
    return admin, account, answer.json(), silent


def test_rep_sends_a_templated_email_with_a_file_from_an_account(page: Page, app_server: str) -> None:
    admin, account, terms, silent = _arrange(app_server)
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(page, app_server, *REP)
    expect(page.get_by_test_id("nav-accounts")).to_be_visible(timeout=15_000)

    page.goto(f"{app_server}/accounts/{silent['id']}")
    expect(page.get_by_test_id("account-email")).to_be_disabled(timeout=15_000)
    reason = page.get_by_test_id("account-email-reason")
    expect(reason).to_have_attribute("title", "No contact of this account has an e-mail address.")

    page.goto(f"{app_server}/accounts/{account['id']}")
    button = page.get_by_test_id("account-email")
    expect(button).to_be_enabled(timeout=15_000)
    assert page.evaluate(NO_OVERFLOW), "the account page is wider than 1280 px"
    button.click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Paul Post", timeout=10_000)  # the account's contact with an address
    page.get_by_test_id("email-template").click()
    page.get_by_role("option", name="Account news", exact=True).click()
    expect(page.get_by_test_id("email-subject")).to_have_value("News for {{ account.name }}")
    page.get_by_test_id(f"email-file-{terms['id']}").click()
    box = dialog.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 1280 and page.evaluate(NO_OVERFLOW)
    page.get_by_test_id("email-send").click()
    expect(page.get_by_text("the e-mail to paul@postfach.example is in the outbox")).to_be_visible(
        timeout=15_000
    )

    page.get_by_test_id("tab-activities").click()
    activity = page.get_by_test_id("activity-row")
    expect(activity).to_contain_text("E-mail to Paul Post <paul@postfach.example>", timeout=10_000)
    expect(activity).to_contain_text("terms.txt")

    outbox = admin.call("GET", "/emails?status=outbox&limit=200")["items"]
    [email] = [e for e in outbox if e["entity"] == "account" and e["entity_id"] == account["id"]]
    assert email["subject"] == "News for Postfach AG" and email["attachment_ids"] == [terms["id"]]
    assert email["body"] == "Dear Paul Post,\n[][]\nAria Mailer"  # no deal, no quote: empty, not "None"
    eml = admin.http.get(f"/emails/{email['id']}/download")
    assert eml.status_code == 200 and b"terms.txt" in eml.content

    page.get_by_test_id("user-menu").click()
    page.get_by_test_id("logout").click()
    log_in(page, app_server, *ADMIN)
    expect(page.get_by_test_id("nav-settings")).to_be_visible(timeout=15_000)
    page.goto(f"{app_server}/settings/email")
    expect(page.get_by_test_id("email-log-row").filter(has_text="News for Postfach AG")).to_contain_text(
        "outbox", timeout=15_000
    )


def test_a_lead_is_written_to_at_its_own_address_and_a_contact_without_one_says_why(
    page: Page, app_server: str
) -> None:
    admin = Rest(app_server)
    lead = admin.create("/leads", name="Lina Lead", company="Leadhaus", email="lina@leadhaus.example")
    silent = admin.create("/contacts", first_name="Stella", last_name="Still")
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(page, app_server, *ADMIN)
    expect(page.get_by_test_id("nav-settings")).to_be_visible(timeout=15_000)

    page.goto(f"{app_server}/contacts/{silent['id']}")
    expect(page.get_by_test_id("contact-email")).to_be_disabled(timeout=15_000)
    expect(page.get_by_test_id("contact-email-reason")).to_have_attribute(
        "title", "This contact has no e-mail address."
    )
    assert page.evaluate(NO_OVERFLOW), "the contact page is wider than 1280 px"

    page.goto(f"{app_server}/leads/{lead['id']}")
    page.get_by_test_id("lead-email").click()
    expect(page.get_by_test_id("email-to-lead")).to_have_text("lina@leadhaus.example", timeout=10_000)
    page.get_by_test_id("email-subject").fill("Hello {{ contact.name }} of {{ account.name }}")
    page.get_by_test_id("email-body").fill("Thanks for your interest.")
    assert page.evaluate(NO_OVERFLOW), "the lead page or its dialog is wider than 1280 px"
    page.get_by_test_id("email-send").click()
    expect(page.get_by_text("the e-mail to lina@leadhaus.example is in the outbox")).to_be_visible(
        timeout=15_000
    )
    page.get_by_test_id("tab-activities").click()
    expect(page.get_by_test_id("activity-row")).to_contain_text(
        "E-mail to Lina Lead <lina@leadhaus.example>: Hello Lina Lead of Leadhaus", timeout=10_000
    )
