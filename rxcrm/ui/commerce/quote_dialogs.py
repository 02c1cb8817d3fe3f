"""Forms of the Quotes tab: a new quote, an item (product, bundle, free, rounding), a currency."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import reflex as rx
from reflex.vars import Var

from rxcrm.ui.commerce.parts import dialog_footer
from rxcrm.ui.commerce.quote_state import ITEM_LOOKUP, QuotesState
from rxcrm.ui.components.controls import action_button
from rxcrm.ui.components.forms import option_select
from rxcrm.ui.components.lookup import record_lookup

MODE_TITLES = {
    "entry": "Add a product",
    "bundle": "Add a bundle",
    "free": "Add a free item",
    "rounding": "Add a rounding item",
}


def _field(label: str, control: rx.Component) -> rx.Component:
    return rx.vstack(rx.text(label, size="1", weight="medium"), control, spacing="1", width="100%")


def _dialog(
    title: str | Var,
    is_open: Var,
    on_open_change,
    body: rx.Component,
    width: str = "560px",  # noqa: ANN001
) -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(rx.dialog.title(title), body, max_width=width),
        open=is_open,
        on_open_change=on_open_change,
    )


def _date(name: str, label: str) -> rx.Component:
    """A date of the new quote (test id `quote-valid-from` for `valid_from`)."""
    testid = "quote-" + name.replace("_", "-")
    return _field(label, rx.input(name=name, type="date", aria_label=label, data_testid=testid))


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
                    option_select(
                        s.book_options,
                        "quote-price-book",
                        "Any price book",
                        aria_label="Price book",
                        name="price_book_id",
                    ),
                ),
                width="100%",
            ),
            rx.hstack(_date("valid_from", "Valid from"), _date("valid_until", "Valid until"), width="100%"),
            dialog_footer(rx.button("Create quote", type="submit", data_testid="quote-save")),
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


def _value_select(
    field: str, label: str, testid: str, items: Sequence[rx.Component], default: str = "", **trigger: Any
) -> rx.Component:
    """A choice of the add-item form, kept with its other values (`aria_label` defaults to `label`)."""
    trigger.setdefault("aria_label", label)
    return _field(
        label,
        rx.select.root(
            rx.select.trigger(data_testid=testid, **trigger),
            rx.select.content(*items),
            value=QuotesState.add_values.get(field, default),
            on_change=lambda v: QuotesState.set_add_value(field, v),
        ),
    )


def _discount() -> rx.Component:
    kinds = (rx.select.item("% of the line", value="percent"), rx.select.item("Amount", value="amount"))
    return rx.hstack(
        _value_input("discount", "Discount", "quote-item-discount", placeholder="none"),
        _value_select(
            "discount_kind", "as", "quote-item-discount-kind", kinds, "percent", aria_label="Discount as"
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
    label = lambda b: b["name"] + " — " + b["price"] + " " + b["currency"] + " (" + b["book"] + ")"  # noqa: E731
    bundles = rx.foreach(QuotesState.bundles, lambda b: rx.select.item(label(b), value=b["id"]))
    return rx.vstack(
        _value_select(
            "bundle_id", "Bundle", "quote-bundle-select", (bundles,), placeholder="Choose a bundle"
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
        dialog_footer(action_button("Add", s.save_item, "quote-item-save")),
        spacing="3",
        width="100%",
    )
    title = rx.match(s.add_mode, *MODE_TITLES.items(), "Add an item")
    return _dialog(title, s.add_open, s.set_add_open, body, "640px")


def currency_dialog() -> rx.Component:
    """The currency to convert the selected quote into."""
    s = QuotesState
    form = rx.form(
        rx.vstack(
            rx.text("Every price is converted with the exchange rates of Settings → Currencies.", size="2"),
            rx.input(
                name="currency", placeholder="e.g. USD", max_length=3, data_testid="quote-currency-code"
            ),
            dialog_footer(rx.button("Convert", type="submit", data_testid="quote-currency-save")),
            spacing="3",
        ),
        on_submit=s.convert,
    )
    return _dialog("Change currency", s.currency_open, s.set_currency_open, form)
