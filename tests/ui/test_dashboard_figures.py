"""In Chromium at 1280x800, as a director: a widget's number is the total of the list its title opens,
the targets card compares to date, empty widgets say what is missing, plain titles where no list adds up.
"""

from __future__ import annotations

import calendar
import re
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.ui.rest import Rest
from tests.ui.test_accounts_flow import log_in
from tests.ui.test_dashboard import _amount, _won_deal

OVERFLOW_JS = "document.documentElement.scrollWidth - window.innerWidth"
LABELS = {
    "pipeline_by_stage": "Pipeline by stage",
    "revenue": "Revenue (won) by period",
    "funnel": "Sales funnel",
}
OPEN = ("1000.00", "250.50", "4000.00")
WON = ("300.00", "1200.00")
TARGET = Decimal("31000.00")  # this month's target of the rep: 1,000 a day in a 31-day month


@pytest.fixture
def page_1280(browser, app_server: str) -> Iterator[Page]:  # noqa: ANN001
    """A fresh context at a 1280x800 laptop window."""
    context = browser.new_context(base_url=app_server, viewport={"width": 1280, "height": 800})
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def _money(text: str) -> Decimal:
    found = re.search(r"([\d,]+\.\d{2})", text)
    assert found, text
    return Decimal(found[1].replace(",", ""))


def _arrange(app_server: str) -> tuple[str, str, str]:
    """A director and a rep of a team no other test uses; three open and two won deals of the rep."""
    admin = Rest(app_server)
    team = f"Figures {uuid.uuid4().hex[:6]}"
    email = f"dora-{team[-6:]}@rxcrm.test"
    admin.user(email, "Dora Director", "dora-secret-1", role="director", team=team)
    rep = admin.user(f"fred-{team[-6:]}@rxcrm.test", "Fred Figures", "fred-secret-1", team=team)["id"]
    for n, amount in enumerate(OPEN):
        admin.create("/opportunities", name=f"Fig open {n}", amount=amount, currency="EUR", owner_id=rep)
    for n, amount in enumerate(WON):
        _won_deal(admin, f"Fig won {n}", amount, currency="EUR", owner_id=rep)
    month = datetime.now(UTC).strftime("%Y-%m")
    admin.call("PUT", f"/targets/{rep}/{month}", amount=str(TARGET))
    return email, "dora-secret-1", team


def _list_behind(page: Page, card: Locator, kind: str, team: str) -> tuple[int, Decimal]:
    """Open the list a card's title links to; check its banner against its rows; return count and sum."""
    card.get_by_test_id("widget-link").click()
    expect(page).to_have_url(re.compile(rf"/opportunities\?widget={kind}&"), timeout=15_000)
    assert f"team={team.replace(' ', '+')}" in page.url
    # the banner names this widget (a previous visit's banner may show for a moment), then its figures
    expect(page.get_by_test_id("behind-widget")).to_contain_text(LABELS[kind], timeout=15_000)
    expect(page.get_by_test_id("behind-total")).to_have_text(re.compile(r"^\d+ deals? · [\d,.]+$"))
    assert page.evaluate(OVERFLOW_JS) <= 0
    count, amount = page.get_by_test_id("behind-total").inner_text().split(" · ")
    rows = page.get_by_test_id("opportunity-row")
    expect(rows).to_have_count(int(count.split()[0]))
    listed = sum(
        (_money(rows.nth(i).locator("td").nth(4).inner_text()) for i in range(rows.count())), Decimal(0)
    )
    assert listed == _money(amount)
    return rows.count(), listed


def test_a_directors_widgets_add_up_to_the_lists_behind_them(page_1280: Page, app_server: str) -> None:
    page = page_1280
    email, password, team = _arrange(app_server)
    log_in(page, app_server, email, password)
    expect(page.get_by_test_id("dashboard-scope")).to_contain_text(team, timeout=20_000)
    pipeline = page.get_by_test_id("widget-pipeline_by_stage")
    expect(pipeline.get_by_test_id("widget-total")).to_contain_text("Open amount", timeout=15_000)
    assert page.evaluate(OVERFLOW_JS) <= 0

    # the card's figure = the banner = the rows of the list its title opens
    assert _amount(pipeline) == sum(map(Decimal, OPEN))
    assert _list_behind(page, pipeline, "pipeline_by_stage", team) == (3, sum(map(Decimal, OPEN)))
    back = page.get_by_role("button", name="Show all deals")
    assert back.bounding_box()["width"] < 200  # a button, not a bar across the banner
    back.click()
    expect(page.get_by_test_id("behind-widget")).to_have_count(0, timeout=15_000)

    page.goto(f"{app_server}/")
    revenue = page.get_by_test_id("widget-revenue")
    expect(revenue.get_by_test_id("widget-total")).to_contain_text("Won revenue", timeout=20_000)
    assert _amount(revenue) == sum(map(Decimal, WON))
    assert _list_behind(page, revenue, "revenue", team) == (2, sum(map(Decimal, WON)))

    # targets to date: this month's target pro-rated to the days gone by (earlier months have none)
    page.goto(f"{app_server}/")
    targets = page.get_by_test_id("widget-targets")
    now = datetime.now(UTC)
    to_date = TARGET * now.day / calendar.monthrange(now.year, now.month)[1]
    share = f"{sum(map(Decimal, WON)) / to_date:.0%}"
    expect(targets.get_by_test_id("widget-total")).to_have_text(f"{share} of target to date", timeout=20_000)
    expect(targets).to_contain_text("Target to date")
    leaderboard, won_by_person = (
        page.get_by_test_id("widget-leaderboard"),
        page.get_by_test_id("widget-won_by_person"),
    )
    expect(leaderboard).to_contain_text("#1 · 1,500")  # ranked bars with the rank written on them
    expect(won_by_person.get_by_test_id("widget-total")).not_to_have_text(
        leaderboard.get_by_test_id("widget-total").inner_text()
    )

    # statistics: the funnel opens its deals; empty widgets say so; no list adds up for campaigns: plain title
    page.get_by_test_id("dashboard-page-statistics").click()
    funnel = page.get_by_test_id("widget-funnel")
    expect(funnel.get_by_test_id("widget-total")).to_have_text("5 deals entered", timeout=20_000)
    expect(page.get_by_test_id("widget-partners")).to_contain_text("No partner deals in this period")
    expect(page.get_by_test_id("widget-activities")).to_contain_text("No sales activities in this period")
    expect(page.get_by_test_id("widget-lead_conversion")).to_contain_text("No leads received in this period")
    campaigns = page.get_by_test_id("widget-campaigns")
    expect(campaigns.get_by_test_id("widget-title")).to_be_visible()
    expect(campaigns.get_by_test_id("widget-link")).to_have_count(0)
    expect(page.get_by_test_id("widget-activities").get_by_test_id("widget-link")).to_have_count(0)
    assert page.evaluate(OVERFLOW_JS) <= 0
    count, _ = _list_behind(page, funnel, "funnel", team)
    assert count == 5

    # the lead conversion title opens the leads behind it: none for this team
    page.goto(f"{app_server}/")
    page.get_by_test_id("dashboard-page-statistics").click()
    page.get_by_test_id("widget-lead_conversion").get_by_test_id("widget-link").click()
    expect(page).to_have_url(re.compile(r"/leads\?widget=lead_conversion&"), timeout=15_000)
    expect(page.get_by_test_id("behind-total")).to_have_text("0 leads received · 0 qualified", timeout=15_000)
    assert page.evaluate(OVERFLOW_JS) <= 0


def test_won_deals_by_product_opens_the_sold_items_that_make_its_number(
    page_1280: Page, app_server: str
) -> None:
    page, admin = page_1280, Rest(app_server)
    team = f"Items {uuid.uuid4().hex[:6]}"
    email = f"dina-{team[-6:]}@rxcrm.test"
    admin.user(email, "Dina Director", "dina-secret-1", role="director", team=team)
    rep = admin.user(f"ivo-{team[-6:]}@rxcrm.test", "Ivo Items", "ivo-secret-1", team=team)["id"]
    product = admin.create("/products", name=f"Backup {team[-6:]}", code=f"BK-{team[-6:]}")
    book = admin.create("/price-books", name=f"Book {team[-6:]}")
    entry = admin.create(
        f"/price-books/{book['id']}/entries", product_id=product["id"], unit="piece", price="100.00"
    )
    deal = admin.create("/opportunities", name="Items deal", currency="EUR", owner_id=rep)
    quote = admin.create("/quotes", opportunity_id=deal["id"], name="Offer", price_book_id=book["id"])
    admin.create(f"/quotes/{quote['id']}/items", entry_id=entry["id"], quantity="3")
    admin.create(f"/quotes/{quote['id']}/items", name="Set-up", quantity="1", unit_price="50.00")
    admin.call("POST", f"/opportunities/{deal['id']}/won")
    _won_deal(admin, "No items deal", "999.00", currency="EUR", owner_id=rep)  # won, sold no items

    log_in(page, app_server, email, "dina-secret-1")
    expect(page.get_by_test_id("dashboard-scope")).to_contain_text(team, timeout=20_000)
    page.get_by_test_id("dashboard-page-product_details").click()
    card = page.get_by_test_id("widget-won_by_product")
    expect(card.get_by_test_id("widget-total")).to_contain_text("350.00", timeout=20_000)
    card.get_by_test_id("widget-link").click()
    expect(page).to_have_url(re.compile(r"/sold-items\?widget=won_by_product&"), timeout=15_000)
    assert f"team={team.replace(' ', '+')}" in page.url
    expect(page.get_by_test_id("behind-widget")).to_contain_text("Won deals by product", timeout=15_000)
    expect(page.get_by_test_id("behind-total")).to_have_text("2 items of 1 deal · 350.00")
    rows = page.get_by_test_id("sold-item-row")
    expect(rows).to_have_count(2)
    assert sum((_money(rows.nth(i).locator("td").last.inner_text()) for i in range(2)), Decimal(0)) == 350
    assert page.evaluate(OVERFLOW_JS) <= 0
