"""In Chromium: an admin builds a price book with a two-unit product and a weighted bundle; categories."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.ui.rest import ADMIN, Rest
from tests.ui.test_accounts_flow import log_in


def _no_horizontal_overflow(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 1280, f"page is {width}px wide at a 1280px window"


def test_an_admin_builds_a_price_book_with_units_and_a_bundle(page: Page, app_server: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(page, app_server, *ADMIN)
    expect(page.get_by_test_id("nav-price-books")).to_be_visible(timeout=15_000)

    page.goto(f"{app_server}/price-books/products")
    page.get_by_test_id("product-new").click()
    page.get_by_test_id("product-name").fill("Browser Seat")
    page.get_by_test_id("product-code").fill("BR-SEAT")
    page.get_by_test_id("product-save").click()
    expect(page.get_by_text("Product 'Browser Seat' saved.")).to_be_visible()

    page.get_by_test_id("nav-price-books").click()
    page.get_by_test_id("price-book-new").click()
    page.get_by_test_id("price-book-name").fill("Browser Book 2026")
    page.get_by_test_id("price-book-brand").fill("Acme")
    page.get_by_test_id("price-book-save").click()
    expect(page.get_by_test_id("price-book-title")).to_have_text("Browser Book 2026", timeout=15_000)
    book_id = page.url.rstrip("/").rsplit("/", 1)[-1]

    for unit, price in (("user/month", "12.50"), ("piece", "99.00")):
        page.get_by_test_id("entry-product-search").fill("br-se")
        page.get_by_test_id(re.compile(r"^entry-product-option-")).first.click()
        expect(page.get_by_test_id("lookup-chosen-entry-product")).to_have_text("Browser Seat · BR-SEAT")
        page.get_by_test_id("entry-unit").fill(unit)
        page.get_by_test_id("entry-price").fill(price)
        page.get_by_test_id("entry-add").click()
        expect(page.get_by_text(f"Browser Seat · BR-SEAT: {unit} priced.")).to_be_visible()
    expect(page.get_by_test_id(re.compile(r"^entry-row-"))).to_have_count(2)
    expect(page.get_by_test_id("entry-total")).to_have_text("2 entries")

    page.get_by_test_id("bundle-new").click()
    page.get_by_test_id("bundle-name").fill("Seat starter")
    page.get_by_test_id("bundle-price").fill("100.00")
    for picked, unit in enumerate(("user/month", "piece"), start=1):  # typed, then picked among the book's
        page.get_by_test_id("bundle-item-add").fill("br-seat")
        options = page.get_by_test_id(re.compile(r"^bundle-item-option-"))
        options.filter(has_text=f"(BR-SEAT) · {unit} · ").click()
        # the item is in the bundle and the lookup is empty again, ready for the next one
        expect(page.get_by_test_id("bundle-item-share")).to_have_count(picked)
        expect(page.get_by_test_id("bundle-item-add")).to_have_value("")
    page.get_by_test_id("bundle-item-weight").nth(1).fill("2")
    shares = page.get_by_test_id("bundle-item-share")
    expect(shares.nth(0)).to_have_text("33.33 EUR")
    expect(shares.nth(1)).to_have_text("66.67 EUR")
    expect(page.get_by_test_id("bundle-share-total")).to_contain_text("100.00 EUR")
    _no_horizontal_overflow(page)
    page.get_by_test_id("bundle-save").click()
    expect(page.get_by_text("Bundle 'Seat starter' saved.")).to_be_visible()

    bundle = Rest(app_server).call("GET", f"/bundles?price_book_id={book_id}")["items"][0]
    assert [i["share"] for i in bundle["items"]] == ["33.33", "66.67"]
    row = page.get_by_test_id(f"bundle-row-{bundle['id']}")
    expect(row).to_contain_text("33.33")
    expect(row).to_contain_text("66.67")
    _no_horizontal_overflow(page)


def test_an_admin_adds_a_term_product_category_in_settings(page: Page, app_server: str) -> None:
    log_in(page, app_server, *ADMIN)
    expect(page.get_by_test_id("nav-settings")).to_be_visible(timeout=15_000)
    page.goto(f"{app_server}/settings/product-categories")
    section = page.get_by_test_id("settings-product-categories")
    section.scroll_into_view_if_needed()
    page.get_by_test_id("category-new-name").fill("Managed service")
    page.get_by_test_id("category-new-kind").click()
    page.get_by_role("option", name="Term-based").click()
    page.get_by_test_id("category-new-months").fill("24")
    page.get_by_test_id("category-add").click()
    expect(page.get_by_text("Product category 'Managed service' saved.")).to_be_visible()
    made = [
        c
        for c in Rest(app_server).call("GET", "/product-categories")["items"]
        if c["name"] == "Managed service"
    ]
    assert [(c["contract_kind"], c["term_months"]) for c in made] == [("term", 24)]
    row = page.get_by_test_id(f"category-row-{made[0]['id']}")
    expect(page.get_by_test_id(f"category-months-{made[0]['id']}")).to_have_value("24")
    expect(row).to_contain_text("Term-based")
