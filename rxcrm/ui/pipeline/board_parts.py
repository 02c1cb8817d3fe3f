"""The pipeline board's pieces: a card, a column with its header, a won/lost drop zone."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.vars import Var

from rxcrm.ui import routes
from rxcrm.ui.components.controls import note
from rxcrm.ui.pipeline.kanban_dnd import auto_load, draggable_card, drop_column


def _tag(tag: Var, colours: Var) -> rx.Component:
    return rx.badge(tag, color_scheme=colours[tag], variant="soft", size="1")


def _optional(card: Var, key: str, render) -> rx.Component:  # noqa: ANN001
    return rx.cond(card.contains(key), render(card[key]))


def _move_button(card: Var, on_open_move) -> rx.Component:  # noqa: ANN001
    """'Move to…' for keyboards and touch screens, where dragging is not at hand: opens the move dialog."""
    return rx.icon_button(
        rx.icon("ellipsis", size=14),
        variant="ghost",
        size="1",
        on_click=on_open_move(card["id"].to(str), card["name"].to(str)),
        aria_label="Move to another stage",
        aria_haspopup="dialog",
        data_testid="card-menu-" + card["id"].to(str),
    )


def _close_date(card: Var, value: Var) -> rx.Component:
    """The expected close date; red with an 'overdue' label once it has passed on an open deal."""
    overdue = card.contains("overdue")
    return rx.hstack(
        rx.icon("calendar", size=12),
        rx.text(
            value,
            size="1",
            color_scheme=rx.cond(overdue, "red", "gray"),
            weight=rx.cond(overdue, "medium", "regular"),
            data_testid=rx.cond(overdue, "card-close-date-overdue", "card-close-date"),
        ),
        rx.cond(
            overdue,
            rx.badge("overdue", color_scheme="red", variant="soft", size="1", data_testid="card-overdue"),
        ),
        spacing="1",
        align="center",
    )


def _initials(value: Var) -> rx.Component:
    """The owner's initials in a small circle (plain markup: redraws fast)."""
    return rx.el.span(
        value,
        style={
            "display": "inline-flex",
            "align_items": "center",
            "justify_content": "center",
            "width": "24px",
            "height": "24px",
            "border_radius": "50%",
            "font_size": "11px",
            "font_weight": "500",
            "background": rx.color("accent", 3),
            "color": rx.color("accent", 11),
        },
    )


def board_card(card: Var, colours: Var, on_open_move) -> rx.Component:  # noqa: ANN001
    """One deal: name, account, amount, owner initials, close date and tags (as the admin chose)."""
    return draggable_card(
        rx.card(
            rx.vstack(
                rx.hstack(
                    rx.link(
                        card["name"],
                        href=routes.OPPORTUNITIES + "/" + card["id"].to(str),
                        weight="medium",
                        size="2",
                        draggable=False,
                    ),
                    rx.spacer(),
                    _move_button(card, on_open_move),
                    width="100%",
                    align="start",
                ),
                _optional(card, "account", note),
                _optional(card, "contact", note),
                rx.hstack(
                    _optional(card, "amount", lambda v: rx.text(v, size="2", weight="bold")),
                    rx.spacer(),
                    _optional(card, "owner", _initials),
                    width="100%",
                    align="center",
                ),
                rx.hstack(
                    _optional(card, "close_date", lambda v: _close_date(card, v)),
                    rx.spacer(),
                    _optional(card, "probability", note),
                    width="100%",
                    align="center",
                ),
                _optional(
                    card,
                    "tags",
                    lambda tags: rx.flex(
                        rx.foreach(tags.to(list[str]), lambda t: _tag(t, colours)), gap="4px", wrap="wrap"
                    ),
                ),
                spacing="1",
                width="100%",
            ),
            size="1",
            width="100%",
        ),
        card_id=card["id"],
        width="100%",
        # Cards scrolled out of their column are not laid out or painted until they come into view.
        style={"content_visibility": "auto", "contain_intrinsic_size": "auto 112px"},
        data_testid="opportunity-card-" + card["id"].to(str),
    )


def _header(column: Var) -> rx.Component:
    stage_id = column["stage_id"].to(str)
    return rx.vstack(
        rx.hstack(
            rx.box(width="10px", height="10px", border_radius="50%", background=column["color"]),
            rx.text(column["name"], weight="bold", size="2"),
            rx.spacer(),
            rx.badge(column["count"], variant="soft", data_testid="kanban-column-count-" + stage_id),
            width="100%",
            align="center",
        ),
        note(column["amount"], data_testid="kanban-column-amount-" + stage_id),
        rx.cond(column["note"] != "", rx.text(column["note"], size="1", color_scheme="amber")),
        spacing="1",
        width="100%",
        padding_bottom="8px",
        border_bottom="3px solid " + column["color"].to(str),
    )


def _drop_target(
    body: rx.Component,
    stage_id: Var,
    on_drop,
    testid_prefix: str,
    drag_outline: str,
    **style: Any,  # noqa: ANN001
) -> rx.Component:
    """A rounded box taking dropped cards for a stage, outlined while a card is dragged over it."""
    return drop_column(
        body,
        stage_id=stage_id,
        on_card_drop=on_drop,
        data_testid=testid_prefix + stage_id,
        border_radius="10px",
        style={"&[data-drag-over='true']": {"outline": drag_outline}},
        **style,
    )


def board_column(  # noqa: ANN201
    column: Var,
    cards: Var,
    colours: Var,
    on_open_move,  # noqa: ANN001
    on_drop,  # noqa: ANN001
    on_more,  # noqa: ANN001
):
    """A stage column: header with count and amount, its cards, and 'load more' for long columns."""
    stage_id = column["stage_id"].to(str)
    return _drop_target(
        rx.vstack(
            _header(column),
            rx.vstack(
                rx.foreach(cards, lambda card: board_card(card, colours, on_open_move)),
                rx.cond(
                    column["more"],
                    auto_load(  # the next cards load once the end of the column scrolls into view
                        rx.button(
                            "Load more",
                            variant="ghost",
                            size="1",
                            on_click=on_more,
                            data_testid="load-more-" + stage_id,
                        ),
                        on_visible=on_more,
                    ),
                ),
                spacing="2",
                width="100%",
                flex="1",
                min_height="0",
                overflow_y="auto",
                padding_right="2px",
                data_testid="kanban-column-cards-" + stage_id,
            ),
            spacing="2",
            width="100%",
            height="100%",
        ),
        stage_id,
        on_drop,
        "kanban-column-",
        f"2px dashed {rx.color('accent', 8)}",
        min_width="236px",
        width="236px",
        height="100%",
        padding="8px",
        background=rx.color("gray", 2),
        border=f"1px solid {rx.color('gray', 4)}",
    )


def drop_zone(zone: Var, on_drop) -> rx.Component:  # noqa: ANN001
    """An always-visible target for a won or lost stage, so closing a deal never needs scrolling."""
    stage_id = zone["stage_id"].to(str)
    won = zone["kind"] == "won"
    return _drop_target(
        rx.vstack(
            rx.cond(won, rx.icon("trophy", size=20), rx.icon("circle-x", size=20)),
            rx.text(zone["name"], weight="bold", size="2"),
            rx.text("Drop here", size="1"),
            align="center",
            justify="center",
            spacing="1",
            height="100%",
        ),
        stage_id,
        on_drop,
        "kanban-dropzone-",
        f"3px solid {rx.color('accent', 8)}",
        aria_label=rx.cond(won, "Drop a card here to mark it won", "Drop a card here to mark it lost"),
        flex="1",
        width="100%",
        color=rx.cond(won, rx.color("grass", 11), rx.color("red", 11)),
        background=rx.cond(won, rx.color("grass", 3), rx.color("red", 3)),
        border=rx.cond(won, f"2px dashed {rx.color('grass', 7)}", f"2px dashed {rx.color('red', 7)}"),
    )
