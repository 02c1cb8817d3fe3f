"""In Chromium: a rep builds a quote from the price book, activates it and the board follows."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.ui.rest import ADMIN, Rest
from tests.ui.test_accounts_flow import log_in

REP = ("quote.rep@rxcrm.test", "quote-rep-secret-1")


def _catalogue(admin: Rest) -> tuple[int, int]:
    """A price book with a product 'Quote Widget' (QW-100, 120.00 a piece) and a 300.00 bundle."""
    book = admin.create("/price-books", name="Quote Flow Book")
    widget = admin.create("/products", name="Quote Widget", code="QW-100")
    entry = admin.create(
        f"/price-books/{book['id']}/entries", product_id=widget["id"], unit="piece", price="120.00"
    )
    parts = [admin.create("/products", name=f"Quote Part {n}", code=f"QP-{n}") for n in (1, 2)]
    part_entries = [
        admin.create(f"/price-books/{book['id']}/entries", product_id=p["id"], unit="day", price="100.00")
        for p in parts
    ]
    admin.create(
        "/bundles",
        price_book_id=book["id"],
        name="Quote Starter Pack",
        price="300.00",
        items=[{"entry_id": e["id"], "weight": w} for e, w in zip(part_entries, ("2", "1"), strict=True)],
    )
    return book["id"], entry["id"]


def _add(page: Page, button: str) -> None:
    page.get_by_test_id(button).click()
    expect(page.get_by_test_id("quote-item-save")).to_be_visible()


def test_rep_builds_a_quote_activates_it_and_the_board_shows_its_total(page: Page, app_server: str) -> None:
    admin = Rest(app_server)
    admin.user(REP[0], "Quinn Quoter", REP[1])
    book_id, entry_id = _catalogue(admin)
    rep = Rest(app_server, *REP)
    deal = rep.create("/opportunities", name="Quote Flow Deal", amount="5.00")
    old = rep.create("/quotes", opportunity_id=deal["id"], name="Old offer")
    rep.call("POST", f"/quotes/{old['id']}/items", 201, name="Old item", quantity="1", unit_price="1.00")

    log_in(page, app_server, *REP)
    expect(page.get_by_test_id("nav-pipeline")).to_be_visible(timeout=15_000)
    page.goto(f"{app_server}/opportunities/{deal['id']}")
    expect(page.get_by_test_id("opportunity-amount")).to_have_text("1.00 EUR", timeout=15_000)
    page.get_by_test_id("tab-quotes").click()
    expect(page.get_by_test_id(f"quote-row-{old['id']}")).to_contain_text("Old offer", timeout=10_000)

    page.get_by_test_id("quote-new").click()
    page.get_by_test_id("quote-name").fill("Widget offer")
    page.get_by_test_id("quote-save").click()
    expect(page.locator("[data-testid^=quote-row-]").filter(has_text="Widget offer")).to_be_visible(
        timeout=10_000
    )
    expect(page.get_by_test_id("quote-total")).to_have_text("0.00 EUR")

    _add(page, "quote-item-add")
    page.get_by_test_id("quote-item-search").fill("QW-100")
    option = page.get_by_test_id(f"quote-item-option-{entry_id}")
    expect(option).to_contain_text("Quote Widget")
    expect(option).to_contain_text("120.00")
    option.click()
    page.get_by_test_id("quote-item-quantity").fill("3")
    expect(page.get_by_test_id("quote-item-preview")).to_contain_text("360.00")
    page.get_by_test_id("quote-item-discount").fill("10")
    expect(page.get_by_test_id("quote-item-preview")).to_contain_text("324.00")
    page.get_by_test_id("quote-item-save").click()
    expect(page.get_by_test_id("quote-total")).to_have_text("324.00 EUR", timeout=10_000)

    _add(page, "quote-bundle-add")
    page.get_by_test_id("quote-bundle-select").click()
    page.get_by_role("option").filter(has_text="Quote Starter Pack").click()
    page.get_by_test_id("quote-item-save").click()
    expect(page.get_by_test_id("quote-total")).to_have_text("624.00 EUR", timeout=10_000)
    expect(page.get_by_test_id("quote-item-row")).to_have_count(3)

    _add(page, "quote-rounding-add")
    page.get_by_test_id("quote-rounding-target").fill("600.00")
    page.get_by_test_id("quote-item-save").click()
    expect(page.get_by_test_id("quote-total")).to_have_text("600.00 EUR", timeout=10_000)
    expect(page.get_by_test_id("opportunity-amount")).to_have_text("1.00 EUR")

    page.get_by_test_id("quote-activate").click()
    expect(page.get_by_test_id("opportunity-amount")).to_have_text("600.00 EUR", timeout=10_000)
    expect(page.get_by_test_id("quote-total")).to_have_text("600.00 EUR")
    expect(page.get_by_test_id("quote-delete")).to_be_disabled()
    quotes = rep.call("GET", f"/opportunities/{deal['id']}/quotes")["items"]
    assert [(q["name"], q["active"], q["total"]) for q in quotes] == [
        ("Old offer", False, "1.00"),
        ("Widget offer", True, "600.00"),
    ]
    assert quotes[1]["price_book_id"] is None and book_id

    page.goto(f"{app_server}/pipeline")
    expect(page.get_by_test_id("kanban-board")).to_be_visible(timeout=15_000)
    page.get_by_test_id("board-search").fill("Quote Flow Deal")
    card = page.get_by_test_id(f"opportunity-card-{deal['id']}")
    expect(card).to_contain_text("600.00", timeout=10_000)
    stage_id = rep.call("GET", f"/opportunities/{deal['id']}")["stage_id"]
    expect(page.get_by_test_id(f"kanban-column-amount-{stage_id}")).to_have_text("600.00 EUR")


def test_a_sold_deal_greys_out_quote_editing(page: Page, app_server: str) -> None:
    admin = Rest(app_server)
    deal = admin.create("/opportunities", name="Quote Locked Deal")
    quote = admin.create("/quotes", opportunity_id=deal["id"], name="Locked offer")
    body = admin.call(
        "POST", f"/quotes/{quote['id']}/items", 201, name="Thing", quantity="2", unit_price="50.00"
    )
    admin.call("POST", f"/opportunities/{deal['id']}/sold")
    log_in(page, app_server, *ADMIN)
    expect(page.get_by_test_id("nav-pipeline")).to_be_visible(timeout=15_000)
    page.goto(f"{app_server}/opportunities/{deal['id']}")
    page.get_by_test_id("tab-quotes").click()
    expect(page.get_by_test_id("quote-locked")).to_have_text(
        "This deal is sold and locked — unlock it to change quotes.", timeout=10_000
    )
    expect(page.get_by_test_id("quote-total")).to_have_text("100.00 EUR")
    for control in ("quote-new", "quote-item-add", "quote-activate", "quote-delete"):
        expect(page.get_by_test_id(control)).to_be_disabled()
    expect(page.get_by_test_id(f"quote-row-quantity-{body['items'][0]['id']}")).to_be_disabled()
