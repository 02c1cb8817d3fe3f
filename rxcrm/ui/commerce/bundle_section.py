"""The bundles card of a price book: each bundle with its items' shares, and the bundle editor."""

from __future__ import annotations

import reflex as rx

from rxcrm.ui.commerce.bundle_state import ITEM_LOOKUP, BundleState
from rxcrm.ui.commerce.parts import card_stack, headed_card
from rxcrm.ui.commerce.price_books import catalogue_row_actions
from rxcrm.ui.components.controls import action_button, note, shown_if
from rxcrm.ui.components.forms import option_select
from rxcrm.ui.components.lookup import record_lookup

B = BundleState


def _item_line(item: dict) -> rx.Component:
    return rx.hstack(
        rx.text(item["product_name"], " · ", item["unit"], size="1"),
        rx.text("weight ", item["weight"], size="1", color_scheme="gray"),
        rx.text(item["share"], size="1", weight="medium", data_testid="bundle-share-" + item["entry_id"]),
        spacing="3",
    )


def _bundle_actions(bundle: dict) -> rx.Component:
    move = option_select(
        B.move_targets,
        "bundle-move-" + bundle["id"],
        "Move to…",
        value="",
        size="1",
        on_change=lambda target: B.move(bundle["id"], target),
    )
    return catalogue_row_actions(
        B,
        "bundle",
        bundle,
        B.edit_bundle(bundle["id"]),
        shown_if(B.may_edit & (B.move_targets.length() > 0), move),
    )


def _bundle_card(bundle: dict) -> rx.Component:
    return rx.box(
        rx.hstack(
            rx.vstack(
                rx.hstack(
                    rx.text(bundle["name"], weight="bold", size="2"),
                    rx.cond(bundle["code"] != "", rx.badge(bundle["code"], variant="soft")),
                    rx.text(
                        bundle["price"],
                        " ",
                        bundle["currency"],
                        size="2",
                        data_testid="bundle-price-" + bundle["id"],
                    ),
                    spacing="3",
                    align="center",
                ),
                rx.foreach(B.bundle_items[bundle["id"]], _item_line),
                spacing="1",
            ),
            rx.spacer(),
            _bundle_actions(bundle),
            width="100%",
            align="start",
        ),
        padding="8px 0",
        border_bottom=f"1px solid {rx.color('gray', 4)}",
        width="100%",
        data_testid="bundle-row-" + bundle["id"],
    )


def _draft_item(item: dict, index: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.text(item["label"], size="2", flex="1", min_width="0", trim="both"),
        note("Weight"),
        rx.input(
            value=item["weight"],
            on_change=lambda v: B.set_weight(index, v),
            width="90px",
            size="1",
            data_testid="bundle-item-weight",
        ),
        rx.text(
            B.draft_shares[index],
            " ",
            B.draft_currency,
            size="2",
            width="130px",
            text_align="right",
            data_testid="bundle-item-share",
        ),
        rx.icon_button(rx.icon("x", size=12), size="1", variant="ghost", on_click=B.remove_item(index)),
        width="100%",
        align="center",
    )


def _editor() -> rx.Component:
    draft = lambda field, label, width, testid: rx.input(  # noqa: E731
        placeholder=label,
        value=getattr(B, f"draft_{field}"),
        on_change=lambda v: B.set_draft(field, v),
        width=width,
        data_testid=testid,
    )
    shares = rx.text(
        rx.cond(B.draft_items.length() > 0, "Shares add up to ", "Add items to share the price: "),
        B.draft_total,
        " ",
        B.draft_currency,
        size="1",
        color_scheme="gray",
        data_testid="bundle-share-total",
    )
    return card_stack(
        rx.hstack(
            draft("name", "Bundle name *", "260px", "bundle-name"),
            draft("code", "Code", "120px", "bundle-code"),
            draft("price", "Price *", "120px", "bundle-price"),
            draft("currency", "EUR", "70px", "bundle-currency"),
            align="center",
            wrap="wrap",
        ),
        record_lookup(
            "Add an item",
            "",
            ITEM_LOOKUP,
            "book_entry",
            placeholder="Add an item from this price book: type a product name or code…",
            scope=B.book_id.to_string(),
            on_pick=B.add_item,
            testids=("bundle-item-add", "bundle-item-option-"),
            show_label=False,
        ),
        rx.foreach(B.draft_items, _draft_item),
        rx.hstack(
            shares,
            rx.spacer(),
            action_button("Cancel", B.close_editor, None, variant="soft"),
            action_button("Save bundle", B.save_bundle, "bundle-save"),
            width="100%",
            align="center",
        ),
        variant="surface",
    )


def bundles_section() -> rx.Component:
    """Bundles of the price book: items with weights sharing one price, exactly to the cent."""
    return headed_card(
        "Bundles",
        action_button("New bundle", B.new_bundle, "bundle-new", when=B.may_add, icon="plus"),
        rx.cond(B.editing, _editor()),
        rx.foreach(B.bundles, _bundle_card),
        rx.cond(
            B.bundles.length() == 0,
            rx.text("No bundles in this price book yet.", size="2", color_scheme="gray"),
        ),
        data_testid="bundles-section",
    )
