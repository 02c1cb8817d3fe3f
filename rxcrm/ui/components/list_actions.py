"""An admin list's row buttons: delete a row, switch it on or off; each confirmed, then the list reloaded."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.ui.actions import action, success_toast
from rxcrm.ui.components.conversion import record_ref
from rxcrm.ui.components.setters import event_named


def edited(rows: list[dict[str, str]], row_id: str, field: str, typed: str) -> bool:
    """Whether a box left in a listed row holds another `field` value than the row (a row gone: no)."""
    row = next((r for r in rows if r["id"] == row_id), None)
    return row is not None and row[field] != typed.strip()


class RenamedInPlace(rx.State, mixin=True):
    """A list whose rows are renamed in place: a name box left with another name saves it."""

    def _listed(self) -> list[dict[str, str]]:
        """The rows as the page shows them."""
        raise NotImplementedError

    def _change(self, row_id: str, values: dict[str, Any]) -> Any:
        """Save `values` on the row's record; the confirmation or the refusal."""
        raise NotImplementedError

    @rx.event
    def rename(self, row_id: str, name: str):
        """Save a row's new name when its box is left (the same name: nothing to save)."""
        if not edited(self._listed(), row_id, "name", name):
            return None
        return self._change(row_id, {"name": name})


def removal(
    name: str, delete: Callable[[Session, User, int], Any], done: str, doc: str
) -> Callable[..., Any]:
    """The handler `name(record_id)`: `delete` the row's record, say `done`, reload the state's list."""

    def remove(self: Any, session: Session, user: User, record: Any):
        delete(session, user, record_ref(record))
        return [success_toast(done), type(self).load]

    return rx.event(action(event_named(remove, name, doc)))


def switch(
    name: str,
    update: Callable[[Session, User, int, dict[str, Any]], Any],
    flag: str,
    said: str,
    words: tuple[str, str],
    doc: str,
    *,
    reload: str = "",
) -> Callable[..., Any]:
    """The handler `name(record_id, on)`: set the record's boolean `flag`, reload the state's list.

    `said` is the confirmation, formatted with `record` (the updated record) and `state` (the first of
    `words` when the flag is now set, else the second); `reload`: reload the list on a refusal too.
    """

    def turn(self: Any, session: Session, user: User, record: Any, on: bool):
        changed = update(session, user, record_ref(record), {flag: bool(on)})
        state = words[0] if getattr(changed, flag) else words[1]
        return [success_toast(said.format(record=changed, state=state)), type(self).load]

    return rx.event(action(event_named(turn, name, doc), reload=reload))
