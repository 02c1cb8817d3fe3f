"""A tab of a record page listing rows about the record the page's URL names, read when the tab opens."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.ui.actions import action
from rxcrm.ui.components.conversion import record_id_from_path


class PageRecordRows(rx.State, mixin=True):
    """The rows a tab shows about the page's record; the tab says how they are read."""

    rows: list[dict[str, str]] = []

    def _rows_of(self, session: Session, user: User, record: int) -> list[dict[str, str]]:
        """The rows about record `record` (its id from the URL, 0 when there is none)."""
        raise NotImplementedError

    @rx.event
    @action
    def load(self, session: Session, user: User):
        """Read the rows about the record the page shows."""
        self.rows = self._rows_of(session, user, record_id_from_path(self.router.url.path))
