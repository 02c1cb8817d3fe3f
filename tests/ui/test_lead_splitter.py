"""In Chromium: the admin sets up a 70/30 splitter rule on two conditions, intake leads follow it, "Run"
routes the rest; the campaigns page lists a new campaign."""

from __future__ import annotations

import re

import httpx
from playwright.sync_api import Page, expect

from tests.ui.lookups import pick_record
from tests.ui.rest import ADMIN, Rest
from tests.ui.test_accounts_flow import log_in


def _pick(page: Page, trigger: str, option: str) -> None:
    page.get_by_test_id(trigger).click()
    page.get_by_role("option", name=option, exact=True).click()


def _create_api_key(page: Page) -> str:
    """Issue an intake key in Settings (the page shows it once) and check the intake limit is there."""
    page.get_by_test_id("nav-settings").click()
    page.get_by_test_id("settings-nav-intake").click()
    expect(page.get_by_test_id("setting-intake_rate_limit_per_minute")).to_have_value("0", timeout=15_000)
    page.get_by_test_id("api-key-name").fill("Web form")
    page.get_by_test_id("api-key-create").click()
    key = page.get_by_test_id("api-key-new").locator("code")
    expect(key).to_be_visible(timeout=10_000)
    return key.inner_text().strip()


def _intake(base_url: str, key: str, leads: list[dict[str, str]]) -> None:
    answer = httpx.post(
        f"{base_url}/api/v1/leads/intake", json={"leads": leads}, headers={"X-API-Key": key}, timeout=30
    )
    assert answer.status_code == 201, answer.text


def _new_rule(page: Page, name: str) -> None:
    page.get_by_test_id("rule-new").click()
    page.get_by_test_id("rule-name").fill(name)


def test_admin_splits_web_leads_70_30_and_runs_the_free_pool(page: Page, app_server: str) -> None:
    rest = Rest(app_server)
    try:
        _split_and_run(page, app_server, rest)
    finally:  # splitter rules are global: leave none behind for the other browser tests
        for rule in rest.call("GET", "/splitter-rules")["items"]:
            rest.call("DELETE", f"/splitter-rules/{rule['id']}", 204)


def _split_and_run(page: Page, app_server: str, rest: Rest) -> None:
    anna = rest.user("anna@split.test", "Split Anna", "split-secret-1")
    bert = rest.user("bert@split.test", "Split Bert", "split-secret-2")
    log_in(page, app_server, *ADMIN)
    key = _create_api_key(page)

    page.goto(f"{app_server}/leads/splitter")
    expect(page.get_by_test_id("splitter-empty")).to_be_visible(timeout=15_000)
    _new_rule(page, "Web leads")
    page.get_by_test_id("rule-condition-value-0").fill("web")
    page.get_by_test_id("rule-condition-add").click()
    expect(page.get_by_test_id("rule-condition")).to_have_count(2)
    _pick(page, "rule-condition-field-1", "country")
    _pick(page, "rule-condition-operator-1", "is one of")
    page.get_by_test_id("rule-condition-value-1").fill("DE, AT")
    pick_record(page, "rule-add-user", "split an", "Split Anna")
    pick_record(page, "rule-add-user", "split be", "Split Bert")
    page.get_by_test_id("rule-percent-0").fill("70")
    page.get_by_test_id("rule-percent-1").fill("20")
    expect(page.get_by_test_id("rule-percent-sum")).to_have_text("sum = 90 %")
    expect(page.get_by_test_id("rule-save")).to_be_disabled()
    page.get_by_test_id("rule-percent-1").fill("30")
    expect(page.get_by_test_id("rule-percent-sum")).to_have_text("sum = 100 %")
    page.get_by_test_id("rule-save").click()
    expect(page.get_by_text("Rule 'Web leads' saved.")).to_be_visible(timeout=10_000)
    rule = rest.call("GET", "/splitter-rules")["items"][0]
    assert [(a["user_id"], a["percent"]) for a in rule["assignees"]] == [(anna["id"], 70), (bert["id"], 30)]
    assert rule["condition"] == {"source": "web", "country": ["DE", "AT"]}

    countries = ["DE", "AT"]
    _intake(
        app_server,
        key,
        [
            {"name": f"Web {n}", "email": f"web{n}@lead.test", "source": "web", "country": countries[n % 2]}
            for n in range(10)
        ],
    )
    page.reload()
    card = page.get_by_test_id(f"splitter-rule-{rule['id']}")
    expect(card).to_contain_text("source equals web and country is one of DE, AT", timeout=15_000)
    expect(card.get_by_test_id("share-assigned-0")).to_have_text("7")
    expect(card.get_by_test_id("share-assigned-1")).to_have_text("3")

    waiting = rest.call("GET", "/leads/counts")["unprocessed"]  # other tests' leads may wait too
    french_web_lead = {"name": "Fair Frida", "email": "frida@lead.test", "source": "web", "country": "FR"}
    _intake(app_server, key, [french_web_lead])
    page.reload()
    expect(page.get_by_test_id("unprocessed-count")).to_have_text(str(waiting + 1), timeout=15_000)
    expect(page.get_by_test_id("unprocessed-lead").filter(has_text="Fair Frida")).to_have_count(1)

    _new_rule(page, "Everything else")
    page.get_by_test_id("rule-condition-remove-0").click()
    expect(page.get_by_test_id("rule-any-lead")).to_be_visible()
    pick_record(page, "rule-add-user", "split be", "Split Bert")
    page.get_by_test_id("rule-percent-0").fill("100")
    page.get_by_test_id("rule-save").click()
    expect(page.get_by_text("Rule 'Everything else' saved.")).to_be_visible(timeout=10_000)
    labels = (("rule-up-", "Try earlier"), ("rule-edit-", "Edit"), ("rule-delete-", "Delete rule"))
    for prefix, label in labels:
        expect(page.locator(f'[data-testid^="{prefix}"]').first).to_have_attribute("aria-label", label)
    waiting_now = page.get_by_test_id("unprocessed-count").inner_text()
    page.get_by_test_id("splitter-run").click()
    expect(page.get_by_test_id("splitter-run-count")).to_have_text(waiting_now)
    page.get_by_test_id("splitter-run-confirm").click()
    expect(page.get_by_text(re.compile(r"\d+ routed, 0 unprocessed\."))).to_be_visible(timeout=10_000)
    split = re.compile(r"routed \d+ · (exact split|[\d.]+ leads? off the exact split)")
    expect(page.get_by_test_id("rule-split").first).to_have_text(split)
    expect(page.get_by_test_id("unprocessed-count")).to_have_text("0")
    frida = rest.call("GET", "/leads?q=Frida")["items"][0]
    assert frida["owner_id"] == bert["id"]

    page.get_by_test_id("lead-tab-statistics").click()
    by_source = {r["label"]: r["leads"] for r in rest.call("GET", "/leads/statistics?group=source")["items"]}
    assert by_source["web"] >= 10
    web = page.get_by_test_id("statistics-row").filter(has=page.get_by_role("cell", name="web", exact=True))
    expect(web.locator("td").nth(1)).to_have_text(str(by_source["web"]))
    page.get_by_test_id("lead-tab-conversion").click()
    expect(page.get_by_test_id("conversion-total-rate")).to_contain_text("%")
    page.get_by_test_id("lead-tab-intraday").click()
    expect(page.get_by_test_id("intraday-chart")).to_be_visible()


def test_admin_creates_and_archives_a_campaign(page: Page, app_server: str) -> None:
    log_in(page, app_server, *ADMIN)
    page.get_by_test_id("nav-campaigns").click()
    page.get_by_test_id("campaign-new").click()
    page.locator("input[name=name]").fill("Spring Fair 2026")
    page.locator("input[name=budget]").fill("1000")
    page.get_by_test_id("campaign-save").click()
    expect(page.get_by_text("Campaign 'Spring Fair 2026' saved.")).to_be_visible(timeout=10_000)
    campaign = next(
        c for c in Rest(app_server).call("GET", "/campaigns")["items"] if c["name"] == "Spring Fair 2026"
    )
    row = page.get_by_test_id(f"campaign-row-{campaign['id']}")
    expect(row).to_contain_text("1,000.00 EUR")
    expect(row).to_contain_text("active")
    row.get_by_test_id(f"campaign-archive-{campaign['id']}").click()
    expect(row).to_contain_text("archived", timeout=10_000)
    rest = Rest(app_server)
    rest.call("POST", "/leads", expect=201, name="Fair visitor", campaign_id=campaign["id"])
    rest.call("POST", "/leads", expect=201, name="Web visitor")
    page.reload()
    page.get_by_test_id(f"campaign-leads-{campaign['id']}").click()
    expect(page).to_have_url(re.compile(rf"/leads\?campaign_id={campaign['id']}$"), timeout=10_000)
    expect(page.get_by_test_id("lead-row")).to_have_count(1, timeout=10_000)
    expect(page.get_by_test_id("lead-row")).to_contain_text("Fair visitor")


def test_a_sales_rep_sees_the_splitter_and_campaigns_read_only(page: Page, app_server: str) -> None:
    Rest(app_server).user("reader@split.test", "Rita Reader", "reader-secret-1")
    log_in(page, app_server, "reader@split.test", "reader-secret-1")
    expect(page.get_by_test_id("nav-leads")).to_be_visible(timeout=15_000)
    page.goto(f"{app_server}/leads/splitter")
    expect(page.get_by_test_id("splitter-read-only")).to_be_visible(timeout=15_000)
    expect(page.get_by_test_id("rule-new")).to_have_count(0)
    expect(page.get_by_test_id("splitter-run")).to_have_count(0)
    page.get_by_test_id("nav-campaigns").click()
    expect(
        page.get_by_text("Lead and opportunity counts include only the records you may see.")
    ).to_be_visible()
    expect(page.get_by_test_id("campaign-new")).to_have_count(0)
