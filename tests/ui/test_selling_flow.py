"""In Chromium, the selling half of a deal as a rep lives it: a quote built from the price book (item,
bundle, discount, rounding), activated so the board follows, its Word document generated and downloaded,
the deal marked sold, contracts made, and the locked deal refusing edits."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.documents.samples import docx_text
from tests.ui.rest import Rest
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


def test_rep_quotes_from_the_price_book_generates_the_document_and_sells_the_deal(
    page: Page, app_server: str, tmp_path: Path
) -> None:
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

    _document_then_sale(page, app_server, rep, deal["id"], tmp_path)


def _document_then_sale(page: Page, base_url: str, rep: Rest, deal_id: int, tmp_path: Path) -> None:
    page.goto(f"{base_url}/opportunities/{deal_id}")
    page.get_by_test_id("tab-quotes").click()
    expect(page.get_by_test_id("quote-total")).to_have_text("600.00 EUR", timeout=15_000)
    with page.expect_download(timeout=20_000) as generated:
        page.get_by_test_id("quote-document").click()
    saved = tmp_path / "quote.docx"
    generated.value.save_as(saved)
    text = docx_text(saved.read_bytes())
    for value in ("Quote Flow Deal", "Widget offer", "Quote Widget", "Quote Part 1", "600.00"):
        assert value in text, value
    assert "{{" not in text and "{%" not in text
    page.get_by_test_id("tab-attachments").click()
    listed = rep.call("GET", f"/opportunities/{deal_id}/attachments")["items"]
    expect(page.get_by_test_id(f"attachment-{listed[0]['id']}")).to_be_visible(timeout=10_000)

    page.get_by_test_id("opportunity-sold").click()
    expect(page.get_by_test_id("sell-summary")).to_contain_text("3 contracts will be created")
    page.get_by_test_id("confirm").click()
    expect(page.get_by_test_id("opportunity-locked-note")).to_be_visible(timeout=10_000)
    expect(page.get_by_test_id("opportunity-status")).to_have_text("won")
    contracts = rep.call("GET", f"/contracts?opportunity_id={deal_id}")["items"]
    assert sorted(c["name"] for c in contracts) == ["Quote Part 1", "Quote Part 2", "Quote Widget"]
    page.get_by_test_id("tab-contracts").click()
    for contract in contracts:
        expect(page.get_by_test_id(f"contract-row-{contract['id']}")).to_be_visible(timeout=10_000)
    page.get_by_test_id("opportunity-actions").click()
    expect(page.get_by_test_id("action-edit")).to_have_attribute("data-disabled", "")
    page.keyboard.press("Escape")
    refused = rep.http.patch(f"/opportunities/{deal_id}", json={"name": "Renamed"})
    assert refused.status_code == 409, refused.text
