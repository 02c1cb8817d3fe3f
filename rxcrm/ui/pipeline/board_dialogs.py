"""The pipeline board's dialogs: move a card to another stage, and say why a deal was lost."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.vars import Var

from rxcrm.ui.components.controls import buttons_end, cancel_button
from rxcrm.ui.components.forms import lost_reason_field


def _deal_dialog(
    title: str, deal: Var, moves_to: str, is_open: Var, on_close: Any, body: rx.Component, **props: Any
) -> rx.Component:
    """A controlled dialog about one deal ("'Acme' moves to …"): Escape must close it explicitly."""
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(title),
            rx.dialog.description(rx.text("'", deal, moves_to)),
            body,
            on_escape_key_down=on_close,
            **props,
        ),
        open=is_open,
    )


def move_dialog(is_open: Var, card_id: Var, deal: Var, columns: Var, on_move, on_close) -> rx.Component:  # noqa: ANN001
    """One dialog for the whole board (a menu per card made redrawing 138 cards slow): pick the new stage."""
    return _deal_dialog(
        "Move to",
        deal,
        "' moves to the stage you pick.",
        is_open,
        on_close,
        rx.vstack(
            rx.foreach(
                columns,
                lambda column: rx.button(
                    rx.box(width="10px", height="10px", border_radius="50%", background=column["color"]),
                    column["name"],
                    variant="soft",
                    color_scheme="gray",
                    width="100%",
                    justify="start",
                    on_click=on_move(column["stage_id"].to(str)),
                    data_testid="card-move-" + card_id + "-" + column["stage_id"].to(str),
                ),
            ),
            rx.button("Cancel", variant="ghost", color_scheme="gray", on_click=on_close, align_self="end"),
            spacing="2",
            width="100%",
        ),
        on_pointer_down_outside=on_close,
        max_width="360px",
    )


def lost_reason_dialog(is_open: Var, deal: Var, problem: Var, on_submit, on_cancel) -> rx.Component:  # noqa: ANN001
    """Asks why a deal dropped on a lost column was lost; `problem` marks a missing reason."""
    return _deal_dialog(
        "Mark as lost",
        deal,
        "' moves to the lost column.",
        is_open,
        on_cancel,
        rx.form(
            rx.vstack(
                lost_reason_field(problem),
                buttons_end(
                    cancel_button(on_click=on_cancel),
                    rx.button("Mark as lost", type="submit", color_scheme="red", data_testid="lost-confirm"),
                ),
                spacing="3",
            ),
            on_submit=on_submit,
            reset_on_submit=True,
        ),
    )
