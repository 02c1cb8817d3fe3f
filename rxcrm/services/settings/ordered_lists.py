"""Admin-ordered lists of named entries with a kind (contact types, campaign statuses): add, rename, re-kind,
order, delete — one use case each, whatever the list; each list says when its entries are in use."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from rxcrm.db.models import User
from rxcrm.domain.errors import Conflict, NotFound
from rxcrm.domain.records.validation import record_id
from rxcrm.domain.settings.ordered_lists import EntryRules
from rxcrm.services.people.users import require_admin
from rxcrm.services.records.changes import delete_record, insert_record, update_record
from rxcrm.services.records.listing import next_position

Refusal = Callable[[Session, Any], "str | None"]


def get_entry(session: Session, model: Any, entry_id: Any, noun: str) -> Any:
    """One row of an admin-edited list by its id, or 'not found' naming the `noun`."""
    number = record_id(entry_id)
    found = session.get(model, number) if number is not None else None
    if found is None:
        raise NotFound(f"{noun} {entry_id} not found")
    return found


def check_unique_name(session: Session, model: Any, name: str, entry_id: int | None, noun: str) -> None:
    """No other row of the list has this name, whatever the case (409 naming the field otherwise)."""
    clash = session.exec(select(model.id).where(func.lower(model.name) == name.lower())).first()
    if clash is not None and clash != entry_id:
        raise Conflict(f"A {noun} named '{name}' already exists.", {"name": "is already taken"})


def _never(_session: Session, _entry: Any) -> None:
    return None


@dataclass(frozen=True)
class OrderedList:
    """One admin-edited list: its table (id, name, kind, position), the history's entity and its rules.

    `refuse_kind_change` and `refuse_delete` answer why an entry may not change kind or be deleted
    (None: it may); `on_rename(session, old, new)` carries a new name to the records that hold it.
    """

    model: Any
    entity: str
    noun: str
    configure: str
    rules: EntryRules
    refuse_kind_change: Refusal = _never
    refuse_delete: Refusal = _never
    on_rename: Callable[[Session, str, str], None] | None = None

    def install_defaults(self, session: Session) -> int:
        """Add the list's defaults when it has no entry yet; how many were added."""
        if session.exec(select(self.model.id)).first() is not None:
            return 0
        for position, (name, kind) in enumerate(self.rules.defaults, start=1):
            session.add(self.model(name=name, kind=kind, position=position))
        session.flush()
        return len(self.rules.defaults)

    def entries(self, session: Session) -> list[Any]:
        """Every entry in the admin's order (any user may read them)."""
        return list(session.exec(select(self.model).order_by(self.model.position, self.model.id)).all())

    def get(self, session: Session, entry_id: Any) -> Any:
        """One entry, or 'not found'."""
        return get_entry(session, self.model, entry_id, self.noun)

    def create(self, session: Session, actor: User, data: dict[str, Any]) -> Any:
        """Admin adds an entry at the end of the list (the list's default kind unless told)."""
        require_admin(actor, self.configure)
        values = self.rules.new_entry(data)
        check_unique_name(session, self.model, values["name"], None, self.noun)
        position = next_position(session, self.model.position)
        return insert_record(session, self.entity, self.model(**values, position=position), actor)

    def update(self, session: Session, actor: User, entry_id: Any, data: dict[str, Any]) -> Any:
        """Admin renames an entry (its records follow), moves it, or changes its kind unless refused."""
        require_admin(actor, self.configure)
        entry = self.get(session, entry_id)
        values = self.rules.changes(data)
        if "name" in values:
            check_unique_name(session, self.model, values["name"], entry.id, self.noun)
        if values.get("kind", entry.kind) != entry.kind:
            self._refuse(self.refuse_kind_change(session, entry))
        old_name = entry.name
        update_record(session, self.entity, entry, values, actor)
        if self.on_rename is not None and entry.name != old_name:
            self.on_rename(session, old_name, entry.name)
        session.flush()
        return entry

    def delete(self, session: Session, actor: User, entry_id: Any) -> None:
        """Admin deletes an entry nothing holds on to (409 saying why otherwise)."""
        require_admin(actor, self.configure)
        entry = self.get(session, entry_id)
        self._refuse(self.refuse_delete(session, entry))
        delete_record(session, self.entity, entry, actor)
        session.flush()

    @staticmethod
    def _refuse(reason: str | None) -> None:
        if reason:
            raise Conflict(reason)
