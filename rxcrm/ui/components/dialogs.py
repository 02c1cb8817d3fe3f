"""The dialogs every page builds alike: a yes/no question, a short form in a dialog, a one-line form."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.vars import Var

from rxcrm.ui.components.controls import action_button, buttons_end, cancel_button


def confirm_alert(
    title: Any,
    question: Any,
    label: str,
    on_confirm: Any,
    testid: str | None = None,
    *,
    trigger: rx.Component | None = None,
    keep: str = "Cancel",
    color: str = "red",
    margin_top: str | None = None,
    description_props: dict[str, Any] | None = None,
    **root: Any,
) -> rx.Component:
    """Asks `question`: `keep` closes the dialog, the `label` button (red unless `color`) sends `on_confirm`.

    `trigger` is the button that opens it; `root` holds the open state (`open`, `on_open_change`).
    """
    opener = [rx.alert_dialog.trigger(trigger)] if trigger is not None else []
    spacing = {"margin_top": margin_top} if margin_top else {}
    buttons = (
        rx.alert_dialog.cancel(cancel_button(keep)),
        rx.alert_dialog.action(action_button(label, on_confirm, testid, color=color)),
    )
    return rx.alert_dialog.root(
        *opener,
        rx.alert_dialog.content(
            rx.alert_dialog.title(title),
            rx.alert_dialog.description(question, **(description_props or {})),
            buttons_end(*buttons, **spacing),
        ),
        **root,
    )


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
    """A question opened by a state flag: 'Cancel', or `label` (test id `confirm`) that runs `on_confirm`."""
    return confirm_alert(
        title,
        question,
        label,
        on_confirm,
        "confirm",
        color=color,
        description_props=description_props,
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
    key: Any = None,
) -> rx.Component:
    """A dialog with a form: its `fields`, then 'Cancel' and the `submit` button (test id `testid`).

    `key` (a state value) renews the form's fields when it changes, for forms that keep what was typed.
    """
    buttons = buttons_end(
        rx.dialog.close(cancel_button()), rx.button(submit, type="submit", data_testid=testid)
    )
    form_props = {"reset_on_submit": True} if reset else {}
    if key is not None:
        form_props["key"] = key
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(title),
            rx.form(
                rx.vstack(*fields, buttons, spacing=spacing, width="100%"),
                on_submit=on_submit,
                width="100%",
                **form_props,
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
