"""Search, sort and page handling shared by every list page; each page supplies `load`."""

from __future__ import annotations

from collections.abc import Iterable

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.services.people.field_visibility import hidden_fields
from rxcrm.services.records.listing import ListWindow

PAGE_SIZE = 25


class PagedList(rx.State, mixin=True):
    """A list page's window onto its rows: query, sort column, offset and the total count."""

    total: int = 0
    offset: int = 0
    limit: int = PAGE_SIZE
    q: str = ""
    hidden_columns: list[str] = []

    def _reload(self):  # noqa: ANN202
        return type(self).load

    def _window(self) -> ListWindow:
        """The page to load: the sort column (none: the list's own order), size and offset."""
        return ListWindow(self.sort or None, self.limit, self.offset)

    def _hide_columns(self, hidden: Iterable[str], default_sort: str) -> None:
        """Columns whose field is hidden from the user: not sortable; a sort by one falls back."""
        self.hidden_columns = sorted(hidden)
        if self.sort.lstrip("-") in self.hidden_columns:
            self.sort = default_sort

    def _hide_fields_of(self, session: Session, user: User, entity: str, default_sort: str) -> None:
        """The columns of `entity`'s fields that the field visibility rules hide from the user."""
        self._hide_columns(hidden_fields(session, user, entity), default_sort)

    def _filter_names(self) -> tuple[str, ...]:
        """The filter vars a page lets the browser set; anything else is ignored."""
        return ()

    @rx.event
    def set_filter(self, name: str, value: str | bool):
        """Narrow the list by one of the page's filters, from the first page."""
        if name not in self._filter_names():
            return None
        setattr(self, name, value)
        self.offset = 0
        return self._reload()

    @rx.event
    def set_q(self, q: str):
        """Search as the user types, from the first page."""
        self.q, self.offset = q, 0
        return self._reload()

    @rx.event
    def sort_by(self, column: str):
        """Sort by a column; the same column again flips the direction (never a hidden column)."""
        if column in self.hidden_columns:
            return None
        self.sort = f"-{column}" if self.sort == column else column
        self.offset = 0
        return self._reload()

    @rx.event
    def previous_page(self):
        """Go one page back."""
        self.offset = max(0, self.offset - self.limit)
        return self._reload()

    @rx.event
    def next_page(self):
        """Go one page forward."""
        if self.offset + self.limit < self.total:
            self.offset += self.limit
        return self._reload()
