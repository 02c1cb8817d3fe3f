"""Anonymizing the record a detail page shows (GDPR): a confirmation dialog, then the page reloads."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.ui.actions import action, success_toast


class AnonymizableRecord(rx.State, mixin=True):
    """A detail page's anonymize action; the page says how its record is anonymized and has a `load` event."""

    anonymize_open: bool = False

    def _anonymize_record(self, session: Session, user: User) -> None:
        """Erase the page's record's person (one of services/records/erasure.py's callers)."""
        raise NotImplementedError

    @rx.event
    def set_anonymize_open(self, is_open: bool):
        """Show or hide the anonymize confirmation."""
        self.anonymize_open = is_open

    @rx.event
    @action
    def anonymize(self, session: Session, user: User):
        """Erase the person after confirmation and show the record as it is now."""
        self.anonymize_open = False
        self._anonymize_record(session, user)
        return [success_toast("Personal data erased."), type(self).load]


def anonymize_dialog(state: type[AnonymizableRecord], what: str) -> rx.Component:
    """The Anonymize button (test id `action-anonymize`) and its confirmation."""
    return rx.alert_dialog.root(
        rx.alert_dialog.trigger(
            rx.button(
                rx.icon("eraser", size=14),
                "Anonymize",
                variant="soft",
                color_scheme="gray",
                data_testid="action-anonymize",
            )
        ),
        rx.alert_dialog.content(
            rx.alert_dialog.title("Erase this person's data?"),
            rx.alert_dialog.description(
                f"{what} are erased from the record, its history, its activities and every notification "
                "naming the person. This cannot be undone."
            ),
            rx.hstack(
                rx.alert_dialog.cancel(rx.button("Cancel", variant="soft", color_scheme="gray")),
                rx.alert_dialog.action(
                    rx.button(
                        "Erase",
                        color_scheme="red",
                        on_click=state.anonymize,
                        data_testid="action-anonymize-confirm",
                    )
                ),
                justify="end",
                spacing="3",
            ),
        ),
        open=state.anonymize_open,
        on_open_change=state.set_anonymize_open,
    )
