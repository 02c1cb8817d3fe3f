"""The alert dialog that asks before something is deleted or erased: a question, 'Cancel', the red action."""

from __future__ import annotations

from typing import Any

import reflex as rx

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
    margin_top: str | None = None,
    **root: Any,
) -> rx.Component:
    """Asks `question`: `keep` closes the dialog, the red `label` button sends `on_confirm`.

    `trigger` is the button that opens it; `root` holds the open state (`open`, `on_open_change`).
    """
    opener = [rx.alert_dialog.trigger(trigger)] if trigger is not None else []
    spacing = {"margin_top": margin_top} if margin_top else {}
    buttons = (
        rx.alert_dialog.cancel(cancel_button(keep)),
        rx.alert_dialog.action(action_button(label, on_confirm, testid, color="red")),
    )
    return rx.alert_dialog.root(
        *opener,
        rx.alert_dialog.content(
            rx.alert_dialog.title(title),
            rx.alert_dialog.description(question),
            buttons_end(*buttons, **spacing),
        ),
        **root,
    )
