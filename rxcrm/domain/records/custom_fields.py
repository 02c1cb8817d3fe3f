"""Custom field values: free values per record, typed and checked where an admin defined the field.

A definition names a key per entity with a type (text, number, date, boolean, list, user). Keys
without an active definition stay free scalar values, so data entered before a field was defined
keeps working. A user-type value only segments lists: it never grants access to a record.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from rxcrm.domain.errors import ValidationFailed
from rxcrm.domain.records.validation import FieldErrors, clean_text, record_id

MAX_CUSTOM_FIELDS = 100
MAX_CUSTOM_KEY = 64
MAX_CUSTOM_TEXT = 2000
MAX_LABEL = 100
MAX_OPTIONS = 100
ENTITIES = ("account", "contact", "opportunity", "lead")
FIELD_TYPES = ("text", "number", "date", "boolean", "list", "user")
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
TRUE_TEXTS = ("on", "true", "1", "yes")
NO_CHOICE = "none"


@dataclass(frozen=True)
class FieldDefinition:
    """What an admin defined for one custom field of an entity."""

    key: str
    label: str
    type: str
    required: bool = False
    options: tuple[str, ...] = ()


def check_custom_values(errors: FieldErrors, custom: Any) -> None:
    """Custom values are an object of named text, number, boolean or null values."""
    if custom is None:
        return
    if not isinstance(custom, dict):
        errors.add("custom", "must be an object of field names and values")
        return
    if len(custom) > MAX_CUSTOM_FIELDS:
        errors.add("custom", f"may hold at most {MAX_CUSTOM_FIELDS} fields")
    for key, value in custom.items():
        if not isinstance(key, str) or not key.strip() or len(key) > MAX_CUSTOM_KEY:
            errors.add("custom", f"field names must be 1 to {MAX_CUSTOM_KEY} characters")
        elif value is not None and not isinstance(value, str | int | float | bool):
            errors.add(f"custom.{key}", "must be text, a number, true/false or empty")
        elif isinstance(value, str) and len(value) > MAX_CUSTOM_TEXT:
            errors.add(f"custom.{key}", f"must be at most {MAX_CUSTOM_TEXT} characters")


def validate_definition(data: Mapping[str, Any], creating: bool) -> dict[str, Any]:
    """Check an admin's custom field definition and return its cleaned values."""
    errors = FieldErrors()
    values: dict[str, Any] = {}
    for name in ("entity", "key", "label", "type") if creating else ("label", "type"):
        if name in data or creating:
            values[name] = clean_text(data.get(name))
            if values[name] is None:
                errors.add(name, "is required")
    if values.get("entity") and values["entity"] not in ENTITIES:
        errors.add("entity", f"must be one of: {', '.join(ENTITIES)}")
    if values.get("key") and not KEY_PATTERN.match(values["key"]):
        errors.add("key", "must start with a letter and hold only a-z, 0-9 and _ (at most 64)")
    if values.get("label") and len(values["label"]) > MAX_LABEL:
        errors.add("label", f"must be at most {MAX_LABEL} characters")
    if values.get("type") and values["type"] not in FIELD_TYPES:
        errors.add("type", f"must be one of: {', '.join(FIELD_TYPES)}")
    for flag in ("required", "active"):
        if data.get(flag) is not None:
            values[flag] = data[flag]
            if not isinstance(data[flag], bool):
                errors.add(flag, "must be true or false")
    if data.get("position") is not None:
        values["position"] = data["position"]
        if isinstance(data["position"], bool) or not isinstance(data["position"], int):
            errors.add("position", "must be a whole number")
    if "options" in data:
        values["options"] = _clean_options(errors, data["options"])
    errors.raise_if_any()
    return values


def _clean_options(errors: FieldErrors, options: Any) -> list[str]:
    if options is None:
        return []
    if not isinstance(options, list) or not all(isinstance(o, str) for o in options):
        errors.add("options", "must be a list of texts")
        return []
    cleaned = list(dict.fromkeys(o.strip() for o in options if o.strip()))
    if len(cleaned) > MAX_OPTIONS or any(len(o) > MAX_LABEL for o in cleaned):
        errors.add("options", f"at most {MAX_OPTIONS} options of at most {MAX_LABEL} characters")
    return cleaned


def check_list_options(field_type: str, options: Collection[str]) -> None:
    """A list field offers at least one option; other types offer none."""
    if field_type == "list" and not options:
        raise ValidationFailed.from_fields({"options": "a list field needs at least one option"})


def _text(value: Any, _: FieldDefinition, __: Collection[int]) -> Any:
    if not isinstance(value, str):
        raise ValueError("must be text")
    if len(value) > MAX_CUSTOM_TEXT:
        raise ValueError(f"must be at most {MAX_CUSTOM_TEXT} characters")
    return value.strip()


def _number(value: Any, _: FieldDefinition, __: Collection[int]) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError("must be a number")
    return value


def _boolean(value: Any, _: FieldDefinition, __: Collection[int]) -> Any:
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


def _date(value: Any, _: FieldDefinition, __: Collection[int]) -> Any:
    try:
        if isinstance(value, str):
            return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        pass
    raise ValueError("must be a date like 2026-12-31")


def _choice(value: Any, definition: FieldDefinition, _: Collection[int]) -> Any:
    if value not in definition.options:
        raise ValueError(f"must be one of: {', '.join(definition.options)}")
    return value


def _user(value: Any, _: FieldDefinition, active_users: Collection[int]) -> Any:
    if isinstance(value, bool) or not isinstance(value, int) or value not in active_users:
        raise ValueError("must be an active user")
    return value


CHECKS = {
    "text": _text,
    "number": _number,
    "boolean": _boolean,
    "date": _date,
    "list": _choice,
    "user": _user,
}


def typed_value(definition: FieldDefinition, value: Any, active_users: Collection[int]) -> Any:
    """The stored form of one value of a defined field; raises ValueError saying what is wrong."""
    return CHECKS[definition.type](value, definition, active_users)


def is_empty(value: Any) -> bool:
    """No value: null or blank text."""
    return value is None or (isinstance(value, str) and not value.strip())


def check_typed_values(
    custom: Mapping[str, Any],
    definitions: Collection[FieldDefinition],
    active_users: Collection[int],
    check_required: bool,
) -> dict[str, Any]:
    """Check a record's custom values against the definitions; keys without one stay free values.

    Empty values of defined fields are dropped; missing required ones are errors when
    `check_required` (a new record, or the values being replaced).
    """
    errors = FieldErrors()
    cleaned = {k: v for k, v in custom.items() if k not in {d.key for d in definitions}}
    for definition in definitions:
        value = custom.get(definition.key)
        if is_empty(value):
            if check_required and definition.required:
                errors.add(f"custom.{definition.key}", f"{definition.label} is required")
            continue
        try:
            cleaned[definition.key] = typed_value(definition, value, active_users)
        except ValueError as exc:
            errors.add(f"custom.{definition.key}", f"{definition.label} {exc}")
    errors.raise_if_any()
    return cleaned


def form_value(definition: FieldDefinition, text: Any) -> Any:
    """Read one form input (always text) as the value its field type stores; blank means none."""
    raw = clean_text(text)
    if definition.type == "boolean":
        return raw is not None and raw.lower() in TRUE_TEXTS
    if raw is None or (definition.type in ("list", "user") and raw == NO_CHOICE):
        return None
    if definition.type == "number":
        try:
            number = float(raw.replace(",", "."))
        except ValueError:
            raise ValueError("must be a number") from None
        return int(number) if number.is_integer() and abs(number) < 2**53 else number
    if definition.type == "user":
        user_id = record_id(raw)
        if user_id is None:
            raise ValueError("must be an active user")
        return user_id
    return raw


def read_form_values(
    definitions: Collection[FieldDefinition], form: Mapping[str, Any], prefix: str = "custom."
) -> tuple[dict[str, Any], dict[str, str]]:
    """The typed values of the defined fields in a submitted form, and what could not be read."""
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for definition in definitions:
        try:
            values[definition.key] = form_value(definition, form.get(prefix + definition.key))
        except ValueError as exc:
            errors[prefix + definition.key] = f"{definition.label} {exc}"
    return values, errors


def filter_texts(definition: FieldDefinition | None, text: str) -> tuple[str, ...]:
    """The text forms a stored value takes in SQL for a list filter `custom.<key>=text`.

    Numbers and flags are stored as JSON numbers and booleans, which databases render as text
    differently (SQLite 1/0, PostgreSQL true/false), so a filter matches every form.
    """
    kind = definition.type if definition else "text"
    raw = text.strip()
    if kind == "boolean":
        return ("1", "true") if raw.lower() in TRUE_TEXTS else ("0", "false")
    if kind in ("number", "user"):
        try:
            number = form_value(FieldDefinition("k", "k", "number"), raw)
        except ValueError:
            raise ValidationFailed.from_fields({f"custom.{definition.key}": "must be a number"}) from None
        if number is None:
            raise ValidationFailed.from_fields({f"custom.{definition.key}": "must be a number"})
        return (str(number), f"{number}.0") if isinstance(number, int) else (repr(number),)
    return (raw,)
