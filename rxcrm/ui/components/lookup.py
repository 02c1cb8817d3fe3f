"""One type-to-search record picker for every form: type a few letters, pick a match, never a long dropdown.

Each picker on a page has a key (e.g. "contact-account"); `LookupState` keeps, per key, the matches
shown and the record chosen. The chosen id goes into the form through a hidden input named like the
field, so a form's `on_submit` reads it as it read the old select. A page opening a form sets the
picker's starting record with `LookupState.preset(key, kind, id)`. A filter or an editor that acts as
soon as a record is picked passes `on_pick`: it gets the chosen id ("" when cleared).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.records.validation import record_id
from rxcrm.services.records.lookups import find_records, record_label
from rxcrm.ui.actions import action
from rxcrm.ui.components.forms import clears_error, field_error
from rxcrm.ui.state import AppState

NOT_VISIBLE = "(not visible to you)"


class LookupState(AppState):
    """Per picker key: the matches for what was typed, and the chosen record's id and name."""

    matches: dict[str, list[dict[str, str]]] = {}
    chosen_value: dict[str, str] = {}
    chosen_label: dict[str, str] = {}

    @rx.event
    @action
    def search(self, session: Session, user: User, key: str, kind: str, text: str, scope: str = ""):
        """Show the first records of this kind the user may see whose name contains the text."""
        found = find_records(session, user, kind, text, scope=scope)
        self.matches = {**self.matches, key: [{"value": str(i), "label": n} for i, n in found]}

    def _choose(self, key: str, value: str, label: str) -> None:
        self.chosen_value = {**self.chosen_value, key: value}
        self.chosen_label = {**self.chosen_label, key: label}
        self.matches = {**self.matches, key: []}

    @rx.event
    def pick(self, key: str, value: str, label: str):
        """Take a match as the picker's record."""
        self._choose(key, value, label)

    @rx.event
    def clear(self, key: str):
        """Empty the picker (the record link is removed on save)."""
        self._choose(key, "", "")

    @rx.event
    def preset(self, key: str, kind: str, value: str):
        """Start the picker on a record (a form opened to edit, or pre-filled), or empty."""
        linked = record_id(value)
        if linked is None:
            self._choose(key, "", "")
            return None
        return self._preset_record(key, kind, linked)

    @action
    def _preset_record(self, session: Session, user: User, key: str, kind: str, linked: int):  # noqa: ANN202
        """A record the user may not see stays linked, unnamed: saving the form keeps it (never clears it)."""
        self._choose(key, str(linked), record_label(session, user, kind, linked) or NOT_VISIBLE)


Picked = Callable[[rx.Var | str], rx.event.EventSpec] | None


def _then(first: rx.event.EventSpec, on_pick: Picked, value: rx.Var | str) -> list | rx.event.EventSpec:
    return first if on_pick is None else [first, on_pick(value)]


def _option(key: str, match: rx.Var, on_pick: Picked, testid: str) -> rx.Component:
    return rx.button(
        match["label"],
        type="button",
        variant="ghost",
        size="2",
        width="100%",
        justify="start",
        on_click=_then(LookupState.pick(key, match["value"], match["label"]), on_pick, match["value"]),
        role="option",
        data_testid=testid + match["value"],
    )


def _chosen(label: str, key: str, shown: rx.Var, on_pick: Picked) -> rx.Component:
    return rx.hstack(
        rx.text(shown, size="2", data_testid=f"lookup-chosen-{key}"),
        rx.spacer(),
        rx.icon_button(
            rx.icon("x", size=14),
            type="button",
            variant="ghost",
            size="1",
            on_click=_then(LookupState.clear(key), on_pick, ""),
            aria_label=f"Clear {label}",
            title=f"Clear {label}",
            data_testid=f"lookup-clear-{key}",
        ),
        align="center",
        width="100%",
        min_height="32px",
        padding_x="8px",
        border=f"1px solid {rx.color('gray', 7)}",
        border_radius="6px",
    )


def record_lookup(
    label: str,
    name: str,
    key: str,
    kind: str,
    errors: rx.Var | None = None,
    placeholder: str = "",
    *,
    scope: rx.Var | str = "",
    on_pick: Picked = None,
    testids: tuple[str, str] | None = None,
    show_label: bool = True,
    chosen: tuple[rx.Var, rx.Var] | None = None,
) -> rx.Component:
    """A labelled picker of one record of `kind` (one of `services.lookups.LOOKUP_KINDS`).

    `scope` orders the matches where a kind has one (price entries: the quote's book first); `testids`
    replaces the default test hooks of the text box and of the options (the latter a prefix of the id).
    `chosen` (value, name) shows a record kept by the page's own state (a list filter a saved view sets).
    """
    value = LookupState.chosen_value.get(key, "").to(str) if chosen is None else chosen[0]
    shown = LookupState.chosen_label.get(key, "").to(str) if chosen is None else chosen[1]
    matches = LookupState.matches.get(key, []).to(list[dict[str, str]])
    box_id, option_id = testids or (f"lookup-{key}", f"lookup-option-{key}-")
    return rx.vstack(
        *([rx.text(label, size="2", weight="medium")] if show_label else []),
        rx.el.input(type="hidden", name=name, value=value),
        rx.cond(
            value != "",
            _chosen(label, key, shown, on_pick),
            rx.box(
                rx.input(
                    placeholder=placeholder or f"Type to search {kind.replace('_', ' ')}s…",
                    on_change=[
                        lambda text: LookupState.search(key, kind, text, scope).debounce(200),
                        *([clears_error(errors, name)] if errors is not None else []),
                    ],
                    aria_label=label,
                    auto_complete="off",
                    width="100%",
                    data_testid=box_id,
                ),
                rx.cond(
                    matches.length() > 0,
                    rx.vstack(
                        rx.foreach(matches, lambda m: _option(key, m, on_pick, option_id)),
                        spacing="0",
                        role="listbox",
                        position="absolute",
                        top="100%",
                        left="0",
                        width="100%",
                        max_height="240px",
                        overflow_y="auto",
                        z_index="50",
                        padding="4px",
                        background=rx.color("gray", 1),
                        border=f"1px solid {rx.color('gray', 6)}",
                        border_radius="6px",
                        box_shadow="0 6px 16px rgba(0,0,0,0.15)",
                    ),
                ),
                position="relative",
                width="100%",
                # the matches show while the field or one of them has the focus: no round trip to hide them
                style={"&:not(:focus-within) [role=listbox]": {"display": "none"}},
            ),
        ),
        *([field_error(errors, name)] if errors is not None else []),
        spacing="1",
        width="100%",
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
