"""Forms of the Quotes tab: a new quote, an item (product, bundle, free, rounding), a currency."""

from __future__ import annotations

import reflex as rx
from reflex.vars import Var

from rxcrm.ui.commerce.quote_state import ITEM_LOOKUP, QuotesState
from rxcrm.ui.components.lookup import record_lookup

MODE_TITLES = {
    "entry": "Add a product",
    "bundle": "Add a bundle",
    "free": "Add a free item",
    "rounding": "Add a rounding item",
}


def _field(label: str, control: rx.Component) -> rx.Component:
    return rx.vstack(rx.text(label, size="1", weight="medium"), control, spacing="1", width="100%")


def _dialog(title: str, is_open: Var, on_open_change, body: rx.Component) -> rx.Component:  # noqa: ANN001
    return rx.dialog.root(
        rx.dialog.content(rx.dialog.title(title), body, max_width="560px"),
        open=is_open,
        on_open_change=on_open_change,
    )


def new_quote_dialog() -> rx.Component:
    """Name, currency, price book and validity of a new quote."""
    s = QuotesState
    form = rx.form(
        rx.vstack(
            _field("Name", rx.input(name="name", placeholder="e.g. Offer 2026", data_testid="quote-name")),
            rx.hstack(
                _field(
                    "Currency",
                    rx.input(
                        name="currency",
                        placeholder="the deal's currency",
                        max_length=3,
                        data_testid="quote-currency-input",
                    ),
                ),
                _field(
                    "Price book",
                    rx.select.root(
                        rx.select.trigger(
                            placeholder="Any price book",
                            aria_label="Price book",
                            data_testid="quote-price-book",
                        ),
                        rx.select.content(
                            rx.foreach(s.book_options, lambda o: rx.select.item(o["label"], value=o["value"]))
                        ),
                        name="price_book_id",
                    ),
                ),
                width="100%",
            ),
            rx.hstack(
                _field(
                    "Valid from",
                    rx.input(
                        name="valid_from",
                        type="date",
                        aria_label="Valid from",
                        data_testid="quote-valid-from",
                    ),
                ),
                _field(
                    "Valid until",
                    rx.input(
                        name="valid_until",
                        type="date",
                        aria_label="Valid until",
                        data_testid="quote-valid-until",
                    ),
                ),
                width="100%",
            ),
            rx.hstack(
                rx.dialog.close(rx.button("Cancel", variant="soft", color_scheme="gray", type="button")),
                rx.button("Create quote", type="submit", data_testid="quote-save"),
                justify="end",
                width="100%",
            ),
            spacing="3",
        ),
        on_submit=s.create,
        reset_on_submit=True,
    )
    return _dialog("New quote", s.new_open, s.set_new_open, form)


def _value_input(field: str, label: str, testid: str, **props) -> rx.Component:  # noqa: ANN003
    return _field(
        label,
        rx.input(
            value=QuotesState.add_values.get(field, ""),
            on_change=lambda v: QuotesState.set_add_value(field, v),
            aria_label=label,
            data_testid=testid,
            **props,
        ),
    )


def _discount() -> rx.Component:
    s = QuotesState
    return rx.hstack(
        _value_input("discount", "Discount", "quote-item-discount", placeholder="none"),
        _field(
            "as",
            rx.select.root(
                rx.select.trigger(aria_label="Discount as", data_testid="quote-item-discount-kind"),
                rx.select.content(
                    rx.select.item("% of the line", value="percent"),
                    rx.select.item("Amount", value="amount"),
                ),
                value=s.add_values.get("discount_kind", "percent"),
                on_change=lambda v: s.set_add_value("discount_kind", v),
            ),
        ),
        width="100%",
    )


def _entry_form() -> rx.Component:
    s = QuotesState
    return rx.vstack(
        record_lookup(
            "Product",
            "entry_id",
            ITEM_LOOKUP,
            "price_entry",
            placeholder="Type a product name or code",
            scope=s.selected.get("price_book_id", "").to(str),
            on_pick=s.choose_entry,
            testids=("quote-item-search", "quote-item-option-"),
        ),
        rx.hstack(_value_input("quantity", "Quantity", "quote-item-quantity"), width="100%"),
        _discount(),
        width="100%",
    )


def _bundle_form() -> rx.Component:
    s = QuotesState
    return rx.vstack(
        _field(
            "Bundle",
            rx.select.root(
                rx.select.trigger(
                    placeholder="Choose a bundle", aria_label="Bundle", data_testid="quote-bundle-select"
                ),
                rx.select.content(
                    rx.foreach(
                        s.bundles,
                        lambda b: rx.select.item(
                            b["name"] + " — " + b["price"] + " " + b["currency"] + " (" + b["book"] + ")",
                            value=b["id"],
                        ),
                    )
                ),
                value=s.add_values.get("bundle_id", ""),
                on_change=lambda v: s.set_add_value("bundle_id", v),
            ),
        ),
        _value_input("quantity", "Quantity", "quote-item-quantity"),
        width="100%",
    )


def _free_form() -> rx.Component:
    return rx.vstack(
        _value_input("name", "Name", "quote-free-name"),
        rx.hstack(
            _value_input("quantity", "Quantity", "quote-item-quantity"),
            _value_input("unit", "Unit", "quote-free-unit", placeholder="piece"),
            _value_input("unit_price", "Unit price", "quote-free-price"),
            width="100%",
        ),
        _discount(),
        width="100%",
    )


def _rounding_form() -> rx.Component:
    return rx.vstack(
        rx.text("The rounding item keeps the quote total at this figure while other items change.", size="2"),
        _value_input("target_total", "Target total", "quote-rounding-target", placeholder="e.g. 10000.00"),
        width="100%",
    )


def add_item_dialog() -> rx.Component:
    """The add-item form in the mode chosen from the toolbar; the total previews as you type."""
    s = QuotesState
    body = rx.vstack(
        rx.match(
            s.add_mode,
            ("bundle", _bundle_form()),
            ("free", _free_form()),
            ("rounding", _rounding_form()),
            _entry_form(),
        ),
        rx.cond(
            s.add_mode != "rounding",
            rx.text(
                "Quote total with this item: " + s.total + " " + s.selected.get("currency", ""),
                size="2",
                data_testid="quote-item-preview",
            ),
        ),
        rx.cond(s.preview_error != "", rx.text(s.preview_error, color_scheme="red", size="1")),
        rx.hstack(
            rx.dialog.close(rx.button("Cancel", variant="soft", color_scheme="gray")),
            rx.button("Add", on_click=s.save_item, data_testid="quote-item-save"),
            justify="end",
            width="100%",
        ),
        spacing="3",
        width="100%",
    )
    title = rx.match(s.add_mode, *MODE_TITLES.items(), "Add an item")
    return rx.dialog.root(
        rx.dialog.content(rx.dialog.title(title), body, max_width="640px"),
        open=s.add_open,
        on_open_change=s.set_add_open,
    )


def currency_dialog() -> rx.Component:
    """The currency to convert the selected quote into."""
    s = QuotesState
    form = rx.form(
        rx.vstack(
            rx.text("Every price is converted with the exchange rates of Settings → Currencies.", size="2"),
            rx.input(
                name="currency", placeholder="e.g. USD", max_length=3, data_testid="quote-currency-code"
            ),
            rx.hstack(
                rx.dialog.close(rx.button("Cancel", variant="soft", color_scheme="gray", type="button")),
                rx.button("Convert", type="submit", data_testid="quote-currency-save"),
                justify="end",
                width="100%",
            ),
            spacing="3",
        ),
        on_submit=s.convert,
    )
    return _dialog("Change currency", s.currency_open, s.set_currency_open, form)
