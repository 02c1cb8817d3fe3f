"""What every new/edit dialog keeps: open or not, the record edited, initial values, errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.errors import DomainError
from rxcrm.services.people.field_visibility import hidden_for_viewer
from rxcrm.ui.actions import failure_toast, success_toast
from rxcrm.ui.components.setters import setter
from rxcrm.ui.form_errors import field_messages


class FieldErrors(rx.State, mixin=True):
    """A form's problems keyed by field; one goes as soon as the user changes its field."""

    errors: dict[str, str] = {}

    @rx.event
    def clear_error(self, name: str):
        """Take a field's problem away: the user is fixing it (the next submit judges it again)."""
        if name in self.errors:
            self.errors = {key: problem for key, problem in self.errors.items() if key != name}


class FormDialog(FieldErrors, rx.State, mixin=True):
    """State of a modal record form."""

    form_open: bool = False
    form_key: int = 0
    editing_id: int = 0
    values: dict[str, str] = {}
    hidden: list[str] = []

    def _show_form(self, editing_id: int) -> None:
        """Open the dialog with fresh fields for a new (0) or existing record; hidden values never leave."""
        self.values = {k: ("" if k in self.hidden else v) for k, v in self.values.items()}
        self.editing_id, self.errors = editing_id, {}
        self.form_key += 1
        self.form_open = True

    def _hide(self, session: Session, entity: str) -> None:
        """Remember which fields the user may not see (spec §1.7): not shown, never sent."""
        self.hidden = sorted(hidden_for_viewer(session, entity))

    def _without_hidden(self, data: dict) -> dict:
        """Form input without the fields hidden from the user, so they keep their stored values."""
        return {k: v for k, v in data.items() if k not in self.hidden}

    def _save_record(
        self, session: Session, user: User, create: Callable, update: Callable, data: dict
    ) -> Any:
        """The record the form saves: `update` of the record edited, or `create` of a new one."""
        if self.editing_id:
            return update(session, user, self.editing_id, data)
        return create(session, user, data)

    def _saved_on_page(self, what: str, name: str, page_load: Any, url: str) -> list:
        """Close the form: the edited record's page reloads (`page_load`), a new record's `url` opens."""
        self.form_open, self.errors = False, {}
        if self.editing_id:
            return [success_toast(f"{what} '{name}' saved."), page_load]
        return [success_toast(f"{what} '{name}' created."), rx.redirect(url)]

    def _show_errors(self, fields: dict[str, str]) -> None:
        """Put each problem on its field, worded with the field's label; fields now right lose theirs."""
        self.errors = field_messages(fields)

    def _refused(self, error: DomainError):  # noqa: ANN202
        """A refused save: the problems on their fields and one toast naming them in the same words."""
        self._show_errors(error.fields)
        return failure_toast(error)

    set_form_open = setter("form_open", "Close (or open) the dialog.", value_type=bool)
