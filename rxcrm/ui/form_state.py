"""What every new/edit dialog keeps: open or not, the record edited, initial values, errors."""

from __future__ import annotations

import reflex as rx


class FormDialog(rx.State, mixin=True):
    """State of a modal record form."""

    form_open: bool = False
    form_key: int = 0
    editing_id: int = 0
    values: dict[str, str] = {}
    errors: dict[str, str] = {}

    def _show_form(self, editing_id: int) -> None:
        """Open the dialog with fresh fields for a new (0) or existing record."""
        self.editing_id, self.errors = editing_id, {}
        self.form_key += 1
        self.form_open = True

    @rx.event
    def set_form_open(self, is_open: bool):
        """Close (or open) the dialog."""
        self.form_open = is_open
