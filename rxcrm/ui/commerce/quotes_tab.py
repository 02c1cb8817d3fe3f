"""The Quotes tab of the opportunity page: quotes list, toolbar, the selected quote's items and totals."""

from __future__ import annotations

import reflex as rx
from reflex.vars import Var

from rxcrm.ui.commerce.parts import step_pager
from rxcrm.ui.commerce.quote_dialogs import add_item_dialog, currency_dialog, new_quote_dialog
from rxcrm.ui.commerce.quote_documents import document_button
from rxcrm.ui.commerce.quote_state import QuotesState
from rxcrm.ui.components.controls import action_button, buttons_end, delete_icon, row_button
from rxcrm.ui.components.lists import plain_table
from rxcrm.ui.pipeline.opportunity_state import OpportunityState

LOCKED_NOTE = "This deal is sold and locked — unlock it to change quotes."
ACTIVE_NOTE = "The active quote is the deal amount: activate another quote before deleting this one."


def _quote_row(quote: Var) -> rx.Component:
    s = QuotesState
    chosen = quote["id"] == s.selected_id
    return rx.table.row(
        rx.table.cell(rx.link(quote["name"], on_click=s.select_quote(quote["id"]), cursor="pointer")),
        rx.table.cell(quote["total"] + " " + quote["currency"], text_align="right"),
        rx.table.cell(rx.cond(quote["active"] == "yes", rx.badge("active", color_scheme="green"), "")),
        rx.table.cell(quote["valid_until"]),
        rx.table.cell(quote["price_book"]),
        rx.table.cell(quote["items"], text_align="right"),
        background=rx.cond(chosen, "var(--accent-3)", "transparent"),
        data_testid="quote-row-" + quote["id"].to(str),
    )


def quotes_list() -> rx.Component:
    """The deal's quotes; a click shows one."""
    header = ("Quote", "Total", "", "Valid until", "Price book", "Items")
    return plain_table(header, QuotesState.quotes, _quote_row)


def toolbar() -> rx.Component:
    """What a rep does to the selected quote."""
    s, locked = QuotesState, OpportunityState.locked
    active = s.selected.get("active", "") == "yes"
    button = lambda label, icon, handler, testid, **kw: row_button(  # noqa: E731
        label, handler, testid, icon=icon, **kw
    )
    return rx.hstack(
        button("Product", "plus", s.open_add("entry"), "quote-item-add", disabled=locked),
        button("Bundle", "package", s.open_add("bundle"), "quote-bundle-add", disabled=locked),
        button("Free item", "pencil", s.open_add("free"), "quote-free-add", disabled=locked),
        button("Rounding", "circle-dot", s.open_add("rounding"), "quote-rounding-add", disabled=locked),
        rx.spacer(),
        button("Activate", "check", s.activate, "quote-activate", disabled=locked | active),
        button("Duplicate", "copy", s.duplicate, "quote-duplicate", disabled=locked),
        button("Currency", "coins", s.set_currency_open(True), "quote-currency", disabled=locked),
        document_button(s.selected_id),
        rx.tooltip(
            rx.box(
                button("Delete", "trash-2", s.delete, "quote-delete", color="red", disabled=locked | active)
            ),
            content=rx.cond(active, ACTIVE_NOTE, "Delete this quote"),
        ),
        width="100%",
        wrap="wrap",
        spacing="2",
    )


def _number(item: Var, field: str, testid: str, width: str = "80px") -> rx.Component:
    s = QuotesState
    return rx.input(
        default_value=item[field],
        key=item["id"].to(str) + "-" + field + "-" + item[field].to(str),
        on_change=lambda v: s.preview_row(item["id"], field, v),
        on_blur=lambda v: s.save_row(item["id"], field, v),
        disabled=OpportunityState.locked,
        size="1",
        width=width,
        data_testid=testid + "-" + item["id"].to(str),
    )


def _item_row(item: Var) -> rx.Component:
    rounding = item["is_rounding"] == "yes"
    return rx.table.row(
        rx.table.cell(
            rx.vstack(
                rx.text(item["name"], size="2", weight="medium"),
                rx.text(item["description"], size="1", color_scheme="gray"),
                spacing="0",
            )
        ),
        rx.table.cell(item["unit"]),
        rx.table.cell(
            rx.cond(
                rounding,
                _number(item, "target_total", "quote-row-target", "110px"),
                _number(item, "quantity", "quote-row-quantity"),
            )
        ),
        rx.table.cell(rx.cond(rounding, "", item["unit_price"]), text_align="right"),
        rx.table.cell(rx.cond(rounding, "", _number(item, "discount_percent", "quote-row-percent", "64px"))),
        rx.table.cell(rx.cond(rounding, "", _number(item, "discount_amount", "quote-row-amount"))),
        rx.table.cell(item["total"], text_align="right", data_testid="quote-row-total-" + item["id"].to(str)),
        rx.table.cell(
            delete_icon(
                "Remove item " + item["name"],
                QuotesState.delete_row(item["id"]),
                "quote-row-delete-" + item["id"].to(str),
                disabled=OpportunityState.locked,
            )
        ),
        data_testid="quote-item-row",
    )


def items_table() -> rx.Component:
    """The selected quote's items, 50 at a time, editable in place."""
    s = QuotesState
    header = ("Item", "Unit", "Quantity", "Unit price", "Disc. %", "Disc. amount", "Total", "")
    shown = rx.text("Items ", s.offset + 1, "–", s.offset + s.rows.length(), " of ", s.item_count, size="1")
    pager = step_pager((shown,), s.page_items(-1), s.page_items(1), s.offset == 0, ~s.has_more, spacing="2")
    return rx.vstack(
        plain_table(header, s.rows, _item_row),
        rx.cond(s.item_count > 50, pager),
        width="100%",
    )


def totals() -> rx.Component:
    """Subtotal, discounts and total of the selected quote (previewed while a number is typed)."""
    s = QuotesState
    currency = s.selected.get("currency", "")
    return rx.hstack(
        rx.text("Subtotal ", s.subtotal, " · Discounts ", s.discount_total, size="2", color_scheme="gray"),
        rx.text("Total", size="3", weight="medium"),
        rx.text(s.total + " " + currency, size="4", weight="bold", data_testid="quote-total"),
        rx.cond(s.preview_error != "", rx.text(s.preview_error, color_scheme="red", size="1")),
        justify="end",
        align="center",
        spacing="3",
        width="100%",
    )


def quotes_tab() -> rx.Component:
    """Quotes of the deal: new quote, the list, the selected quote's toolbar, items and totals."""
    s = QuotesState
    return rx.vstack(
        rx.cond(
            OpportunityState.locked,
            rx.callout(LOCKED_NOTE, icon="lock", color_scheme="amber", data_testid="quote-locked"),
        ),
        buttons_end(
            action_button(
                "New quote", s.open_new, "quote-new", icon="file-plus", disabled=OpportunityState.locked
            )
        ),
        rx.cond(
            s.quotes.length() > 0,
            rx.vstack(
                quotes_list(),
                rx.divider(),
                rx.heading(s.selected.get("name", ""), size="4"),
                toolbar(),
                items_table(),
                totals(),
                width="100%",
                spacing="3",
            ),
            rx.text("No quotes yet: a deal's first quote sets its amount.", color_scheme="gray"),
        ),
        new_quote_dialog(),
        add_item_dialog(),
        currency_dialog(),
        width="100%",
        spacing="3",
        on_mount=s.load_quotes,
    )
