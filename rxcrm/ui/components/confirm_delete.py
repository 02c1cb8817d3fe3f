"""Deleting one row of a list after a confirmation: which row waits, and the dialog that asks."""

from __future__ import annotations

from typing import Any

import reflex as rx

from rxcrm.ui.components.conversion import record_ref
from rxcrm.ui.components.dialogs import confirm_alert


class ConfirmedDelete(rx.State, mixin=True):
    """The row waiting for the user's 'Delete' (its id and name); the state deletes it its own way."""

    confirm_id: str = ""
    confirm_name: str = ""

    @rx.event
    def ask_delete(self, row_id: str, name: str):
        """Ask before a row is deleted."""
        self.confirm_id, self.confirm_name = row_id, name

    @rx.event
    def cancel_delete(self, _open: bool = False):
        """Keep the row."""
        self.confirm_id, self.confirm_name = "", ""

    def _take_confirmed(self) -> tuple[int, str]:
        """The confirmed row's id and name; the dialog closes."""
        row_id, name = record_ref(self.confirm_id), self.confirm_name
        self.confirm_id, self.confirm_name = "", ""
        return row_id, name


def confirm_delete_dialog(state: Any, title: str, question: Any, on_delete: Any) -> rx.Component:
    """The 'Delete …?' dialog of a ConfirmedDelete state: 'Keep it' or 'Delete' (test id `confirm`)."""
    return confirm_alert(
        title,
        question,
        "Delete",
        on_delete,
        "confirm",
        keep="Keep it",
        margin_top="16px",
        open=state.confirm_id != "",
        on_open_change=state.cancel_delete,
    )
