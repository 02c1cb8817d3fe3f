"""Deleting the record a detail page shows: a confirmation dialog, then back to its list."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.ui.actions import action, success_toast
from rxcrm.ui.components.controls import action_button
from rxcrm.ui.components.dialogs import confirm_alert
from rxcrm.ui.components.setters import setter


class DeletableRecord(rx.State, mixin=True):
    """A detail page's delete button; the page says how its record is deleted and where to go next."""

    delete_open: bool = False

    def _delete_record(self, session: Session, user: User) -> tuple[str, str]:
        """Delete the page's record; returns the confirmation and the page to open next."""
        raise NotImplementedError

    set_delete_open = setter("delete_open", "Show or hide the delete confirmation.", value_type=bool)

    @rx.event
    @action
    def delete(self, session: Session, user: User):
        """Delete the record after confirmation and go back to its list."""
        self.delete_open = False
        message, url = self._delete_record(session, user)
        return [success_toast(message), rx.redirect(url)]


def delete_confirmation(state: type[DeletableRecord], noun: str, explanation: str) -> rx.Component:
    """A record page's red 'Delete' button and its confirmation (test ids `<noun>-delete`, `-confirm`)."""
    return confirm_alert(
        f"Delete this {noun}?",
        explanation,
        "Delete",
        state.delete,
        f"{noun}-delete-confirm",
        trigger=action_button("Delete", None, f"{noun}-delete", icon="trash-2", color="red", variant="soft"),
        open=state.delete_open,
        on_open_change=state.set_delete_open,
    )
