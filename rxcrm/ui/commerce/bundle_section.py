"""The bundles card of a price book: each bundle with its items' shares, and the bundle editor."""

from __future__ import annotations

import reflex as rx

from rxcrm.ui.commerce.bundle_state import ITEM_LOOKUP, BundleState
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
    return rx.hstack(
        rx.cond(
            B.may_edit,
            rx.button(
                "Edit",
                size="1",
                variant="soft",
                on_click=B.edit_bundle(bundle["id"]),
                data_testid="bundle-edit-" + bundle["id"],
            ),
        ),
        rx.cond(
            B.may_add,
            rx.button(
                "Copy",
                size="1",
                variant="soft",
                on_click=B.copy(bundle["id"]),
                data_testid="bundle-copy-" + bundle["id"],
            ),
        ),
        rx.cond(
            B.may_edit & (B.move_targets.length() > 0),
            rx.select.root(
                rx.select.trigger(placeholder="Move to…", data_testid="bundle-move-" + bundle["id"]),
                rx.select.content(
                    rx.foreach(B.move_targets, lambda o: rx.select.item(o["label"], value=o["value"]))
                ),
                value="",
                size="1",
                on_change=lambda target: B.move(bundle["id"], target),
            ),
        ),
        rx.cond(
            B.may_delete,
            rx.icon_button(
                rx.icon("trash-2", size=14),
                size="1",
                variant="ghost",
                color_scheme="red",
                on_click=B.delete(bundle["id"]),
                data_testid="bundle-delete-" + bundle["id"],
            ),
        ),
        spacing="2",
        align="center",
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
        rx.text("Weight", size="1", color_scheme="gray"),
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
    return rx.card(
        rx.vstack(
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
                rx.text(
                    rx.cond(
                        B.draft_items.length() > 0, "Shares add up to ", "Add items to share the price: "
                    ),
                    B.draft_total,
                    " ",
                    B.draft_currency,
                    size="1",
                    color_scheme="gray",
                    data_testid="bundle-share-total",
                ),
                rx.spacer(),
                rx.button("Cancel", variant="soft", on_click=B.close_editor),
                rx.button("Save bundle", on_click=B.save_bundle, data_testid="bundle-save"),
                width="100%",
                align="center",
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
        variant="surface",
    )


def bundles_section() -> rx.Component:
    """Bundles of the price book: items with weights sharing one price, exactly to the cent."""
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading("Bundles", size="4"),
                rx.spacer(),
                rx.cond(
                    B.may_add,
                    rx.button(
                        rx.icon("plus", size=14),
                        "New bundle",
                        size="2",
                        on_click=B.new_bundle,
                        data_testid="bundle-new",
                    ),
                ),
                width="100%",
                align="center",
            ),
            rx.cond(B.editing, _editor()),
            rx.foreach(B.bundles, _bundle_card),
            rx.cond(
                B.bundles.length() == 0,
                rx.text("No bundles in this price book yet.", size="2", color_scheme="gray"),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
        data_testid="bundles-section",
    )
