"""Contact types as admin-edited configuration (spec §5.2, §7): add, rename, re-kind, order, delete.

A type channels use is never deleted, nor does it change kind (its values were checked for the old one).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from rxcrm.db.models import ContactChannel, ContactType, User
from rxcrm.domain.accounts.contact_channels import DEFAULT_CONTACT_TYPES, check_type_kind, check_type_name
from rxcrm.domain.errors import Conflict, NotFound
from rxcrm.domain.records.validation import FieldErrors
from rxcrm.services.people.users import require_admin
from rxcrm.services.records.changes import delete_record, insert_record, update_record
from rxcrm.services.records.listing import count_where, next_position

ENTITY = "contact_type"
CONFIGURE = "configure contact types"


def install_default_contact_types(session: Session) -> int:
    """Add E-mail, Phone, Mobile, Skype, LinkedIn and Website when no type exists yet; how many were added."""
    if session.exec(select(ContactType.id)).first() is not None:
        return 0
    for position, (name, kind) in enumerate(DEFAULT_CONTACT_TYPES, start=1):
        session.add(ContactType(name=name, kind=kind, position=position))
    session.flush()
    return len(DEFAULT_CONTACT_TYPES)


def list_contact_types(session: Session) -> list[ContactType]:
    """Every contact type in the admin's order (any user may read them)."""
    return list(session.exec(select(ContactType).order_by(ContactType.position, ContactType.id)).all())


def get_contact_type(session: Session, type_id: Any) -> ContactType:
    """One contact type, or 'not found'."""
    found = session.get(ContactType, type_id) if isinstance(type_id, int) else None
    if found is None:
        raise NotFound(f"contact type {type_id} not found")
    return found


def _unique(session: Session, name: str, type_id: int | None) -> None:
    clash = session.exec(select(ContactType.id).where(func.lower(ContactType.name) == name.lower())).first()
    if clash is not None and clash != type_id:
        raise Conflict(f"A contact type named '{name}' already exists.", {"name": "is already taken"})


def _uses(session: Session, contact_type: ContactType) -> int:
    return count_where(session, ContactChannel, ContactChannel.type_id == contact_type.id)


def create_contact_type(session: Session, actor: User, data: dict[str, Any]) -> ContactType:
    """Admin adds a type at the end of the list (kind `text` unless told)."""
    require_admin(actor, CONFIGURE)
    errors = FieldErrors()
    name = check_type_name(errors, data.get("name"))
    kind = check_type_kind(errors, data.get("kind") or "text")
    errors.raise_if_any()
    _unique(session, str(name), None)
    position = next_position(session, ContactType.position)
    return insert_record(session, ENTITY, ContactType(name=name, kind=kind, position=position), actor)


def update_contact_type(session: Session, actor: User, type_id: int, data: dict[str, Any]) -> ContactType:
    """Admin renames a type, moves it, or changes its kind while no channel uses it."""
    require_admin(actor, CONFIGURE)
    contact_type = get_contact_type(session, type_id)
    errors = FieldErrors()
    values: dict[str, Any] = {}
    if data.get("name") is not None:
        values["name"] = check_type_name(errors, data["name"])
    if data.get("kind") is not None:
        values["kind"] = check_type_kind(errors, data["kind"])
    if data.get("position") is not None:
        values["position"] = data["position"]
    errors.raise_if_any()
    if "name" in values:
        _unique(session, values["name"], contact_type.id)
    used = _uses(session, contact_type)
    if values.get("kind", contact_type.kind) != contact_type.kind and used:
        raise Conflict(
            f"{used} channel(s) of contacts are of type '{contact_type.name}': "
            "its kind cannot change while they use it (add a new type instead)."
        )
    update_record(session, ENTITY, contact_type, values, actor)
    return contact_type


def delete_contact_type(session: Session, actor: User, type_id: int) -> None:
    """Admin deletes a type no contact's channel uses (409 naming how many do)."""
    require_admin(actor, CONFIGURE)
    contact_type = get_contact_type(session, type_id)
    used = _uses(session, contact_type)
    if used:
        raise Conflict(f"{used} channel(s) of contacts are of type '{contact_type.name}': remove them first.")
    delete_record(session, ENTITY, contact_type, actor)
