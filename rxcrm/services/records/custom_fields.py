"""Custom fields: admins define them per entity; record services check values against them.

A user-type field segments lists (`custom_clauses`) but never takes part in the access filter.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import String, bindparam, cast
from sqlmodel import Session, select

from rxcrm.db.models import CustomField, User
from rxcrm.domain.errors import Conflict, NotFound, ValidationFailed
from rxcrm.domain.records.custom_fields import (
    KEY_PATTERN,
    FieldDefinition,
    check_list_options,
    check_typed_values,
    filter_texts,
    validate_definition,
)
from rxcrm.services.people.users import require_admin
from rxcrm.services.records.changes import delete_record, insert_record, update_record
from rxcrm.services.records.listing import FIRST_PAGE, ListWindow, Page, place_last_unless_given

ENTITY = "custom_field"
EDITABLE = ("label", "type", "options", "required", "position", "active")


def _statement(entity: str | None, active_only: bool) -> Any:
    statement = select(CustomField)
    if entity is not None:
        statement = statement.where(CustomField.entity == entity)
    if active_only:
        statement = statement.where(CustomField.active.is_(True))
    return statement


def list_custom_fields(
    session: Session, entity: str | None = None, active_only: bool = False
) -> list[CustomField]:
    """The custom fields of one entity (or all) in form order."""
    order = (CustomField.entity, CustomField.position, CustomField.id)
    return list(session.exec(_statement(entity, active_only).order_by(*order)).all())


def custom_fields_page(
    session: Session, entity: str | None = None, active_only: bool = False, window: ListWindow = FIRST_PAGE
) -> Page:
    """One page of custom field definitions in form order."""
    order = (CustomField.entity, CustomField.position, CustomField.id)
    return window.fetch(session, _statement(entity, active_only), order)


# Built once: every create and edit of a record reads them (building a statement costs more than running it).
_ACTIVE_DEFINITIONS = (
    select(CustomField.key, CustomField.label, CustomField.type, CustomField.required, CustomField.options)
    .where(CustomField.entity == bindparam("entity"), CustomField.active.is_(True))
    .order_by(CustomField.entity, CustomField.position, CustomField.id)
)


def definitions_for(session: Session, entity: str) -> list[FieldDefinition]:
    """The active definitions of an entity, as the pure rules read them."""
    return [
        FieldDefinition(key, label, kind, required, tuple(options))
        for key, label, kind, required, options in session.execute(_ACTIVE_DEFINITIONS, {"entity": entity})
    ]


def get_custom_field(session: Session, field_id: Any) -> CustomField:
    """One custom field definition by id."""
    field = session.get(CustomField, field_id) if isinstance(field_id, int) else None
    if field is None:
        raise NotFound(f"custom field {field_id} not found")
    return field


def create_custom_field(session: Session, actor: User, data: dict[str, Any]) -> CustomField:
    """Admin adds a typed custom field to an entity; its key is unique per entity."""
    require_admin(actor, "configure custom fields")
    values = validate_definition(data, creating=True)
    check_list_options(values["type"], values.get("options", []))
    if values["type"] != "list":
        values["options"] = []
    taken = select(CustomField.id).where(
        CustomField.entity == values["entity"], CustomField.key == values["key"]
    )
    if session.exec(taken).first() is not None:
        raise Conflict(f"The {values['entity']} field '{values['key']}' exists.", {"key": "is already taken"})
    place_last_unless_given(session, values, CustomField.position, CustomField.entity == values["entity"])
    return insert_record(session, ENTITY, CustomField(**values), actor)


def update_custom_field(session: Session, actor: User, field_id: int, data: dict[str, Any]) -> CustomField:
    """Admin relabels, retypes, reorders, requires or deactivates a field; entity and key stay."""
    require_admin(actor, "configure custom fields")
    field = get_custom_field(session, field_id)
    fixed = {k: "cannot change; add a new field instead" for k in ("entity", "key") if k in data}
    if fixed:
        raise ValidationFailed.from_fields(fixed)
    values = validate_definition(data, creating=False)
    values = {k: v for k, v in values.items() if k in EDITABLE}
    field_type = values.get("type", field.type)
    options = values.get("options", field.options)
    check_list_options(field_type, options)
    if field_type != "list":
        values["options"] = []
    update_record(session, ENTITY, field, values, actor)
    return field


def delete_custom_field(session: Session, actor: User, field_id: int) -> None:
    """Admin removes a definition; records keep their values as free custom values."""
    require_admin(actor, "configure custom fields")
    delete_record(session, ENTITY, get_custom_field(session, field_id), actor)


def _active_user_ids(
    session: Session, custom: Mapping[str, Any], definitions: list[FieldDefinition]
) -> set[int]:
    named = {custom.get(d.key) for d in definitions if d.type == "user"}
    ids = {v for v in named if isinstance(v, int) and not isinstance(v, bool)}
    if not ids:
        return set()
    return set(session.exec(select(User.id).where(User.id.in_(ids), User.active.is_(True))).all())


def check_record_custom(session: Session, entity: str, values: Any, creating: bool) -> dict[str, Any] | None:
    """A record's custom values checked against its entity's definitions (None: left unchanged).

    On create, and whenever the values are replaced, required fields must be filled; keys without
    a definition pass through as free values.
    """
    if values is None and not creating:
        return None
    custom = values or {}
    if not isinstance(custom, dict):
        raise ValidationFailed.from_fields({"custom": "must be an object of field names and values"})
    definitions = definitions_for(session, entity)
    return check_typed_values(custom, definitions, _active_user_ids(session, custom, definitions), True)


def parse_custom_filter(params: Mapping[str, str], prefix: str) -> dict[str, str]:
    """The `<prefix><key>=value` pairs of a query as a custom-field filter."""
    found = {name[len(prefix) :]: value for name, value in params.items() if name.startswith(prefix)}
    wrong = {f"{prefix}{k}": "is not a custom field key" for k in found if not KEY_PATTERN.match(k)}
    if wrong:
        raise ValidationFailed.from_fields(wrong)
    return found


def custom_clauses(session: Session, model: type, entity: str, wanted: Mapping[str, str] | None) -> list[Any]:
    """WHERE clauses keeping records whose custom values equal the wanted ones (segments only)."""
    if not wanted:
        return []
    by_key = {d.key: d for d in definitions_for(session, entity)}
    return [
        cast(model.custom[key].as_string(), String).in_(filter_texts(by_key.get(key), str(text)))
        for key, text in wanted.items()
    ]
