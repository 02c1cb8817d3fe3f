"""Anonymizing the record a detail page shows (GDPR): a confirmation dialog, then the page reloads."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.ui.actions import action, success_toast
from rxcrm.ui.components.controls import action_button
from rxcrm.ui.components.dialogs import confirm_alert
from rxcrm.ui.components.setters import setter


class AnonymizableRecord(rx.State, mixin=True):
    """A detail page's anonymize action; the page says how its record is anonymized and has a `load` event."""

    anonymize_open: bool = False

    def _anonymize_record(self, session: Session, user: User) -> None:
        """Erase the page's record's person (one of services/records/erasure.py's callers)."""
        raise NotImplementedError

    set_anonymize_open = setter("anonymize_open", "Show or hide the anonymize confirmation.", value_type=bool)

    @rx.event
    @action
    def anonymize(self, session: Session, user: User):
        """Erase the person after confirmation and show the record as it is now."""
        self.anonymize_open = False
        self._anonymize_record(session, user)
        return [success_toast("Personal data erased."), self._anonymized()]

    def _anonymized(self):  # noqa: ANN202
        """The event that shows the record again once erased (the page's `load`)."""
        return type(self).load


GREY_SOFT = {"color": "gray", "variant": "soft"}


def anonymize_dialog(state: type[AnonymizableRecord], what: str) -> rx.Component:
    """The Anonymize button (test id `action-anonymize`) and its confirmation."""
    question = (
        f"{what} are erased from the record, its history, its activities and every notification "
        "naming the person. This cannot be undone."
    )
    return confirm_alert(
        "Erase this person's data?",
        question,
        "Erase",
        state.anonymize,
        "action-anonymize-confirm",
        trigger=action_button("Anonymize", None, "action-anonymize", icon="eraser", **GREY_SOFT),
        open=state.anonymize_open,
        on_open_change=state.set_anonymize_open,
    )
