"""Editing an admin-ordered list in Settings (contact types, campaign statuses): its entries renamed in place,
re-kinded, added and deleted, each change confirmed or refused with the reason in a toast."""

from __future__ import annotations

from typing import Any

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.services.settings.ordered_lists import OrderedList
from rxcrm.ui.actions import action, success_toast
from rxcrm.ui.components.conversion import record_ref
from rxcrm.ui.components.list_actions import RenamedInPlace


class OrderedListEditor(RenamedInPlace, mixin=True):
    """The entries of one list as the admin edits them; the state names its list and reads its add form."""

    entries: list[dict[str, str]] = []

    def _list(self) -> OrderedList:
        raise NotImplementedError

    def _new_entry(self, form: dict[str, Any]) -> dict[str, Any]:
        """The name and kind the add form asks for."""
        raise NotImplementedError

    def _listed(self) -> list[dict[str, str]]:
        return self.entries

    def _shown_kind(self, kind: str) -> str:
        """How an entry's kind reads in its row."""
        return kind

    def _said(self, name: str, done: str) -> Any:
        return [success_toast(f"{self._list().noun.capitalize()} '{name}' {done}."), type(self).load]

    @rx.event
    @action
    def load(self, session: Session, _user: User):
        """Read every entry in order."""
        self.entries = [
            {"id": str(e.id), "name": e.name, "kind": self._shown_kind(e.kind)}
            for e in self._list().entries(session)
        ]

    @rx.event
    def set_kind(self, entry_id: str, kind: str):
        """Give an entry another kind (refused with the list's reason, e.g. while records use it)."""
        return self._change(entry_id, {"kind": kind})

    @action(reload="load")
    def _change(self, session: Session, user: User, entry_id: str, values: dict):  # noqa: ANN202
        saved = self._list().update(session, user, record_ref(entry_id), values)
        return self._said(saved.name, "saved")

    @rx.event
    @action
    def add(self, session: Session, user: User, form: dict):
        """Add an entry at the end of the list."""
        added = self._list().create(session, user, self._new_entry(form))
        return self._said(added.name, "added")

    @rx.event
    @action
    def delete(self, session: Session, user: User, entry_id: str):
        """Delete an entry nothing holds on to (the refusal says why otherwise)."""
        self._list().delete(session, user, record_ref(entry_id))
        return [success_toast(f"{self._list().noun.capitalize()} deleted."), type(self).load]
