"""The rows and card of an admin-ordered list in Settings: each name renamed in place, each row deletable."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx

from rxcrm.ui.components.controls import delete_icon, note
from rxcrm.ui.settings.parts import saved_on_leave, settings_card


def name_in_place(state: Any, entry: Any, noun: str, testid: str) -> rx.Component:
    """An entry's name box ('<noun> name'), saved by `state.rename(id, name)` when the user leaves it."""
    return saved_on_leave(
        entry["name"],
        lambda v: state.rename(entry["id"], v),
        f"{noun} name",
        "200px",
        f"{testid}-name-" + entry["id"],
    )


def entry_row(
    state: Any, entry: Any, noun: str, testid: str, *middle: rx.Component, key: Any
) -> rx.Component:
    """An entry's row: its name in place, then `middle`, then its delete icon (`state.delete(id)`)."""
    return rx.hstack(
        name_in_place(state, entry, noun, testid),
        *middle,
        delete_icon(
            f"Delete {noun.lower()} " + entry["name"],
            state.delete(entry["id"]),
            f"{testid}-delete-" + entry["id"],
        ),
        key=key,
        align="center",
        spacing="2",
    )


def ordered_list_card(
    state: Any, title: str, explained: str, row: Callable[[Any], rx.Component], add: rx.Component, testid: str
) -> rx.Component:
    """The list's card: what its entries mean, a row per entry and the add form; read when it is shown."""
    return settings_card(
        title,
        note(explained, size="2"),
        rx.foreach(state.entries, row),
        add,
        on_mount=state.load,
        data_testid=testid,
    )
