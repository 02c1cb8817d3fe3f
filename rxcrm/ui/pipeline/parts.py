"""Pieces the deal and dashboard pages share: a yes/no question, a short form in a dialog, a one-line form."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.vars import Var

from rxcrm.ui.components.controls import buttons_end, cancel_button


def confirm_dialog(
    title: str,
    question: Any,
    label: str,
    on_confirm: Any,
    is_open: Var,
    on_open_change: Any,
    color: str = "red",
    **description_props: Any,
) -> rx.Component:
    """An alert dialog asking `question`: 'Cancel', or `label` (test id `confirm`) that runs `on_confirm`."""
    return rx.alert_dialog.root(
        rx.alert_dialog.content(
            rx.alert_dialog.title(title),
            rx.alert_dialog.description(question, **description_props),
            buttons_end(
                rx.alert_dialog.cancel(cancel_button()),
                rx.alert_dialog.action(
                    rx.button(label, color_scheme=color, on_click=on_confirm, data_testid="confirm")
                ),
            ),
        ),
        open=is_open,
        on_open_change=on_open_change,
    )


def small_form_dialog(
    title: Any,
    fields: list[rx.Component],
    on_submit: Any,
    is_open: Var,
    on_open_change: Any,
    submit: str,
    testid: str = "confirm",
    *,
    max_width: str = "480px",
    spacing: str = "3",
    reset: bool = True,
) -> rx.Component:
    """A dialog with a short form: its `fields`, then 'Cancel' and the `submit` button (test id `testid`)."""
    buttons = buttons_end(
        rx.dialog.close(cancel_button()), rx.button(submit, type="submit", data_testid=testid)
    )
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(title),
            rx.form(
                rx.vstack(*fields, buttons, spacing=spacing, width="100%"),
                on_submit=on_submit,
                reset_on_submit=reset,
                width="100%",
            ),
            max_width=max_width,
        ),
        open=is_open,
        on_open_change=on_open_change,
    )


def inline_form(
    on_submit: Any, *fields: rx.Component, button: str, testid: str, **props: Any
) -> rx.Component:
    """Fields side by side with their submit button at the end, emptied once submitted."""
    props.setdefault("width", "100%")
    row = rx.hstack(*fields, rx.button(button, type="submit", data_testid=testid), width="100%", align="end")
    return rx.form(row, on_submit=on_submit, reset_on_submit=True, **props)
