"""A price book's page: its fields and projects, its entries (prices per unit), its bundles."""

from __future__ import annotations

import reflex as rx

from rxcrm.ui.commerce.bundle_section import bundles_section
from rxcrm.ui.commerce.bundle_state import BundleState
from rxcrm.ui.commerce.parts import card_stack, headed_card, step_pager
from rxcrm.ui.commerce.price_book_state import ENTRY_PAGE, ENTRY_PRODUCT, PriceBookState
from rxcrm.ui.commerce.price_books import PRICE_BOOKS, catalogue_tabs, no_access_note
from rxcrm.ui.commerce.quote_templates import quote_templates_section
from rxcrm.ui.commerce.template_state import QuoteTemplatesState
from rxcrm.ui.components.controls import delete_icon, note, section_card
from rxcrm.ui.components.conversion import NONE
from rxcrm.ui.components.lists import plain_table
from rxcrm.ui.components.lookup import record_lookup
from rxcrm.ui.layout import app_page
from rxcrm.ui.records.files import files_panel
from rxcrm.ui.state import AppState

S = PriceBookState


def _book_field(name: str, label: str, width: str) -> rx.Component:
    return rx.vstack(
        note(label),
        rx.input(
            name=name,
            default_value=S.book[name],
            width="100%",
            data_testid="price-book-field-" + name,
            disabled=~S.may_edit,
        ),
        spacing="1",
        width=width,
    )


def _project_choice(option: dict) -> rx.Component:
    return rx.checkbox(
        option["label"],
        checked=S.project_ids.contains(option["value"]),
        on_change=lambda v: S.toggle_project(option["value"], v),
        disabled=~S.may_edit,
        data_testid="price-book-project-" + option["value"],
    )


def _book_card() -> rx.Component:
    return card_stack(
        rx.form(
            rx.hstack(
                _book_field("name", "Name", "28%"),
                _book_field("brand", "Brand", "16%"),
                _book_field("product_version", "Product version", "14%"),
                _book_field("description", "Description", "30%"),
                rx.cond(S.may_edit, rx.button("Save", type="submit", data_testid="price-book-save")),
                align="end",
                width="100%",
            ),
            on_submit=S.save_book,
            key=S.book_id.to_string() + S.book["name"],
        ),
        rx.hstack(
            rx.switch(
                checked=S.active,
                on_change=S.set_active,
                disabled=~S.may_edit,
                data_testid="price-book-active",
            ),
            rx.text("Active (offered on quotes)", size="2"),
            rx.text("Update of", size="2", color_scheme="gray", padding_left="16px"),
            rx.select.root(
                rx.select.trigger(placeholder="—", data_testid="price-book-replaces"),
                rx.select.content(
                    rx.select.item("— none —", value=NONE),
                    rx.foreach(S.book_options, lambda o: rx.select.item(o["label"], value=o["value"])),
                ),
                value=S.replaces_id,
                on_change=S.set_replaces,
                disabled=~S.may_edit,
                size="1",
            ),
            rx.cond(
                S.replaces_url != "",
                rx.link(
                    S.replaces_name, href=S.replaces_url, size="2", data_testid="price-book-replaces-link"
                ),
            ),
            align="center",
            spacing="2",
            wrap="wrap",
        ),
        rx.hstack(
            rx.text("Projects", size="2", color_scheme="gray"),
            rx.foreach(S.project_options, _project_choice),
            spacing="3",
            align="center",
            wrap="wrap",
        ),
    )


def _entry_row(row: dict) -> rx.Component:
    return rx.table.row(
        rx.table.cell(
            rx.text(row["product_name"], weight="medium"),
            rx.text(row["product_code"], size="1", color_scheme="gray"),
        ),
        rx.table.cell(row["unit"]),
        rx.table.cell(
            rx.hstack(
                rx.input(
                    default_value=row["price"],
                    key=row["id"] + "-" + row["price"],
                    on_blur=lambda v: S.save_price(row["id"], v),
                    disabled=~S.may_edit,
                    width="120px",
                    size="1",
                    data_testid="entry-price-" + row["id"],
                ),
                rx.text(row["currency"], size="2"),
                align="center",
            )
        ),
        rx.table.cell(
            delete_icon(
                "Delete the price of " + row["product_name"],
                S.delete_entry(row["id"]),
                "entry-delete-" + row["id"],
                when=S.may_delete,
            )
        ),
        data_testid="entry-row-" + row["id"],
    )


def _product_picker() -> rx.Component:
    return rx.box(
        record_lookup(
            "Product",
            "product_id",
            ENTRY_PRODUCT,
            "product",
            placeholder="Type a product name or code…",
            testids=("entry-product-search", "entry-product-option-"),
            show_label=False,
        ),
        width="340px",
    )


def _add_entry_form() -> rx.Component:
    return rx.form(
        rx.hstack(
            _product_picker(),
            rx.input(
                name="unit",
                placeholder="Unit, e.g. user/month",
                width="170px",
                data_testid="entry-unit",
                list="entry-units",
            ),
            rx.el.datalist(
                *(rx.el.option(value=u) for u in ("user/month", "piece", "day", "hour", "year")),
                id="entry-units",
            ),
            rx.input(name="price", placeholder="Price", width="110px", data_testid="entry-price"),
            rx.input(
                name="currency", default_value="EUR", max_length=3, width="70px", data_testid="entry-currency"
            ),
            rx.button(rx.icon("plus", size=14), "Add price", type="submit", data_testid="entry-add"),
            align="center",
            width="100%",
        ),
        on_submit=S.add_entry,
        reset_on_submit=True,
    )


def _entries_card() -> rx.Component:
    headers = ("Product", "Unit", "Price", "")
    search = rx.input(
        placeholder="Filter by product…",
        on_change=S.search_entries.debounce(250),
        width="220px",
        size="1",
        data_testid="entry-search",
    )
    total = note(S.entry_total.to_string() + " entries", data_testid="entry-total")
    return headed_card(
        "Products and prices",
        search,
        rx.cond(S.may_add, _add_entry_form()),
        rx.box(
            plain_table(headers, S.entry_rows, _entry_row),
            max_height="420px",
            overflow="auto",
            width="100%",
        ),
        step_pager(
            (total, rx.spacer()),
            S.entries_page(-1),
            S.entries_page(1),
            S.entry_offset <= 0,
            S.entry_offset + ENTRY_PAGE >= S.entry_total,
            width="100%",
        ),
    )


def price_book_content() -> rx.Component:
    """The price book's fields, entries and bundles; the quote templates section sits below them."""
    return rx.cond(
        S.no_access != "",
        no_access_note(S.no_access),
        rx.cond(
            S.found,
            rx.vstack(
                rx.hstack(
                    catalogue_tabs("price-books"),
                    rx.link("← All price books", href=PRICE_BOOKS, size="2"),
                    rx.heading(S.book["name"], size="5", data_testid="price-book-title"),
                    spacing="4",
                    align="center",
                ),
                _book_card(),
                _entries_card(),
                bundles_section(),
                *price_book_extra_sections(),
                width="100%",
                spacing="4",
                max_width="100%",
            ),
            rx.callout("This price book does not exist.", icon="circle-alert", data_testid="not-found"),
        ),
    )


def price_book_extra_sections() -> list[rx.Component]:
    """Sections other parts of selling add to a price book's page (quote templates, per book; its files)."""
    files = section_card(
        "Files", "Price lists, brochures and other documents of this book.", files_panel("price_book")
    )
    return [quote_templates_section(on_page=True), files]


price_book_page = app_page("Price book", price_book_content)
ON_LOAD = [
    AppState.require_login,
    PriceBookState.load,
    BundleState.load,
    QuoteTemplatesState.load_page_templates,
]
