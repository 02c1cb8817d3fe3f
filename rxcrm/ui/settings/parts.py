"""Pieces the Settings sections (and the splitter editor) share: cards, tables, tick matrices, form boxes."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import reflex as rx
from reflex.vars import Var

from rxcrm.ui.components.lookup import record_lookup


def settings_card(title: Any, *children: rx.Component, **props: Any) -> rx.Component:
    """A Settings section: its title over its content, in a full-width card."""
    props.setdefault("width", "100%")
    return rx.card(rx.vstack(rx.heading(title, size="4"), *children, spacing="3", width="100%"), **props)


def header_row(heads: Iterable[Any]) -> rx.Component:
    """A table's header row of plain column titles."""
    return rx.table.row(*(rx.table.column_header_cell(h) for h in heads))


def heads_table(heads: Iterable[Any], *rows: rx.Component, **props: Any) -> rx.Component:
    """A table with one header row of plain titles over `rows` (a foreach, or the row components)."""
    return rx.table.root(rx.table.header(header_row(heads)), rx.table.body(*rows), **props)


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


def form_text(
    form: Var,
    set_form: Callable[[str, Any], Any],
    key: str,
    placeholder: str,
    width: str,
    label: str,
    testid: str,
) -> rx.Component:
    """A text box bound to one key of a state's form dict: each change sends `set_form(key, text)`."""
    return rx.input(
        placeholder=placeholder,
        value=form[key],
        on_change=lambda value: set_form(key, value),
        width=width,
        aria_label=label,
        data_testid=testid,
    )


def lookup_box(key: str, kind: str, placeholder: str, on_pick: Any) -> rx.Component:
    """A 200px type-to-search picker of `kind` without its label; test ids `key` and `key-option-<id>`."""
    picker = record_lookup(
        placeholder.rstrip("…"),
        "",
        key,
        kind,
        placeholder=placeholder,
        on_pick=on_pick,
        testids=(key, f"{key}-option-"),
        show_label=False,
    )
    return rx.box(picker, width="200px")
