"""Pages whose data a role may not read show a clear note instead, and their vars stay empty."""

from __future__ import annotations

import reflex as rx

from rxcrm.domain.errors import Forbidden


class ReadGate(rx.State, mixin=True):
    """The refusal a page shows instead of data the user's role may not read ('' when allowed)."""

    no_access: str = ""

    def _refuse(self, error: Forbidden, **empty: object) -> None:
        """Remember the refusal and clear the vars that would have held the data."""
        for name, value in empty.items():
            setattr(self, name, value)
        self.no_access = error.message


def not_available(message: rx.Var, testid: str) -> rx.Component:
    """The note shown instead of data the user's role may not read."""
    return rx.callout(message, icon="lock", color_scheme="amber", data_testid=testid)
