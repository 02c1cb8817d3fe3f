"""Pieces the lead pages share: a list toolbar's button, a switch with its label."""

from __future__ import annotations

from typing import Any

import reflex as rx


def toolbar_button(label: Any, icon: str, on_click: Any, testid: Any, variant: str = "soft") -> rx.Component:
    """A list toolbar's button: its icon (16px, as the toolbars draw them), then its label."""
    return rx.button(rx.icon(icon, size=16), label, variant=variant, on_click=on_click, data_testid=testid)


def labelled_switch(
    text: Any,
    checked: Any,
    on_change: Any,
    testid: str,
    *after: rx.Component,
    aria_label: Any = None,
    **props: Any,
) -> rx.Component:
    """A switch, what it switches (`aria_label`, `text` by default, names it), then `after`."""
    switch = rx.switch(
        checked=checked, on_change=on_change, aria_label=aria_label or text, data_testid=testid
    )
    return rx.hstack(switch, rx.text(text, size="2"), *after, align="center", **props)
