"""Pieces the Settings sections (and the splitter editor) share: cards, tables, tick matrices, form boxes."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import reflex as rx
from reflex.vars import Var


def settings_card(title: Any, *children: rx.Component, **props: Any) -> rx.Component:
    """A Settings section: its title over its content, in a full-width card."""
    props.setdefault("width", "100%")
    return rx.card(rx.vstack(rx.heading(title, size="4"), *children, spacing="3", width="100%"), **props)


def tick_row(
    title: str, cells: Var, save: Callable[[str, Any], Any], testid: str, ticks: Iterable[tuple[str, str]]
) -> rx.Component:
    """A matrix row: its title, then a checkbox per (key, label), ticked while `cells[key]` holds.

    A click saves that key at once (`save(key, ticked)`); a box's test id is `testid` and the key's parts.
    """

    def tick(key: str, label: str) -> rx.Component:
        box = rx.checkbox(
            checked=cells[key].to(bool),
            on_change=lambda value: save(key, value),
            aria_label=label,
            data_testid=f"{testid}-{key.replace('.', '-')}",
        )
        return rx.table.cell(box)

    return rx.table.row(rx.table.cell(title), *(tick(key, label) for key, label in ticks))


def saved_on_leave(
    value: Any, save: Callable[[Any], Any], label: Any, width: str, testid: Any = None
) -> rx.Component:
    """A text box starting at `value` that saves what was typed when the user leaves it (`save(text)`)."""
    return rx.input(default_value=value, on_blur=save, width=width, aria_label=label, data_testid=testid)
