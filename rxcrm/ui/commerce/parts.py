"""Pieces the selling pages share: plain tables, headed cards, small pagers, dialog footers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import reflex as rx
from reflex.vars import Var

from rxcrm.ui.components.controls import buttons_end, cancel_button, row_button


def card_stack(*children: rx.Component, **props: Any) -> rx.Component:
    """A full-width card stacking its content."""
    return rx.card(rx.vstack(*children, spacing="3", width="100%"), width="100%", **props)


def headed_card(title: str, corner: rx.Component, *children: rx.Component, **props: Any) -> rx.Component:
    """A full-width card: its title with `corner` (a button, a filter) at the right, then its content."""
    top = rx.hstack(rx.heading(title, size="4"), rx.spacer(), corner, width="100%", align="center")
    return card_stack(top, *children, **props)


def step_pager(
    lead: Sequence[rx.Component], on_previous: Any, on_next: Any, at_start: Var, at_end: Var, **props: Any
) -> rx.Component:
    """`lead` (what is shown), then small Previous / Next buttons, each disabled at its end."""
    return rx.hstack(
        *lead,
        row_button("Previous", on_previous, None, disabled=at_start),
        row_button("Next", on_next, None, disabled=at_end),
        align="center",
        **props,
    )


def amount_and_status_cells(
    row: Var, colours: Sequence[tuple[str, str]], testid: str
) -> tuple[rx.Component, rx.Component]:
    """A billing row's amount (right-aligned, unbroken) and its status badge, coloured by `colours`."""
    badge = rx.badge(
        row["status_label"],
        color_scheme=rx.match(row["status"], *colours, "gray"),
        data_testid=testid + row["id"],
    )
    return rx.table.cell(row["amount"], text_align="right", white_space="nowrap"), rx.table.cell(badge)


def dialog_footer(action: rx.Component) -> rx.Component:
    """A dialog's grey Cancel (it closes the dialog and never submits its form), then its action."""
    return buttons_end(rx.dialog.close(cancel_button()), action)
