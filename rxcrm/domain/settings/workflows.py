"""Workflow rules: "when <trigger> on <entity> [and <condition>] then <action>" (spec §1.12).

A rule is configuration (a table edited in Settings); this module holds the engine's pure part:
what a valid rule looks like and whether a rule matches a change of a record.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

from rxcrm.domain.records.history import FieldChange
from rxcrm.domain.records.validation import LONG_TEXT, SHORT_TEXT, FieldErrors, clean_text

ENTITIES = ("account", "contact", "opportunity")
TRIGGERS = ("created", "updated", "field_changed", "stage_moved", "won", "lost")
OPPORTUNITY_TRIGGERS = ("stage_moved", "won", "lost")
OPERATORS = ("equals", "contains", "in")
ACTIONS = ("set_owner", "add_follower", "notify", "create_activity")
CUSTOM_PREFIX = "custom."
MESSAGE_LIMIT = 500
TRUE_WORDS = ("true", "yes", "1", "on")


class RuleLike(Protocol):
    """What matching reads from a rule (a table row or a plain object)."""

    entity: str
    trigger: str
    trigger_field: str | None
    condition: dict[str, Any] | None


def _known(field: str, fields: Collection[str]) -> bool:
    return field in fields or (field.startswith(CUSTOM_PREFIX) and len(field) > len(CUSTOM_PREFIX))


def _whole_number(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _check_trigger(errors: FieldErrors, data: Mapping[str, Any], fields: Collection[str]) -> str | None:
    entity, trigger = data.get("entity"), data.get("trigger")
    if trigger not in TRIGGERS:
        errors.add("trigger", f"must be one of: {', '.join(TRIGGERS)}")
        return None
    if trigger in OPPORTUNITY_TRIGGERS and entity in ENTITIES and entity != "opportunity":
        errors.add("trigger", f"'{trigger}' only happens to opportunities")
    if trigger != "field_changed":
        return None
    field = clean_text(data.get("trigger_field"))
    if field is None:
        errors.add("trigger_field", "is required when the trigger is field_changed")
    elif field not in fields:
        errors.add("trigger_field", f"no field '{field}' on a {entity}")
    return field


def _check_condition(
    errors: FieldErrors, condition: Any, fields: Collection[str], entity: Any
) -> dict[str, Any] | None:
    if condition in (None, {}):
        return None
    if not isinstance(condition, Mapping):
        errors.add("condition", "must be an object with field, op and value")
        return None
    field, op, value = clean_text(condition.get("field")), condition.get("op"), condition.get("value")
    if field is None:
        errors.add("condition.field", "is required")
    elif not _known(field, fields):
        errors.add("condition.field", f"no field '{field}' on a {entity}")
    if op not in OPERATORS:
        errors.add("condition.op", f"must be one of: {', '.join(OPERATORS)}")
    if op == "in":
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, list) or not value:
            errors.add("condition.value", "must be a non-empty list (or comma-separated text)")
    elif op == "contains" and clean_text(value) is None:
        errors.add("condition.value", "is required")
    elif isinstance(value, list | dict):
        errors.add("condition.value", "must be a single value")
    return {"field": field, "op": op, "value": value}


def _check_params(errors: FieldErrors, action: Any, params: Any) -> dict[str, Any]:
    if action not in ACTIONS:
        errors.add("action", f"must be one of: {', '.join(ACTIONS)}")
        return {}
    if not isinstance(params, Mapping):
        errors.add("action_params", "must be an object")
        return {}
    if action == "create_activity":
        category_id, note = params.get("category_id"), clean_text(params.get("note"))
        if not _whole_number(category_id):
            errors.add("action_params.category_id", "must be an activity category id")
        if note is not None and len(note) > LONG_TEXT:
            errors.add("action_params.note", f"must be at most {LONG_TEXT} characters")
        return {"category_id": category_id, "note": note}
    user_id = params.get("user_id")
    if not _whole_number(user_id):
        errors.add("action_params.user_id", "must be a user id")
    if action != "notify":
        return {"user_id": user_id}
    message = clean_text(params.get("message"))
    if message is None:
        errors.add("action_params.message", "is required")
    elif len(message) > MESSAGE_LIMIT:
        errors.add("action_params.message", f"must be at most {MESSAGE_LIMIT} characters")
    return {"user_id": user_id, "message": message}


def validate_rule(data: Mapping[str, Any], fields_by_entity: Mapping[str, Collection[str]]) -> dict[str, Any]:
    """Check a whole rule definition, naming every wrong field; returns it cleaned.

    `fields_by_entity` lists the fields a trigger or condition may name for each entity;
    a condition may also name a custom field as `custom.<key>`.
    """
    errors = FieldErrors()
    name, entity = clean_text(data.get("name")), data.get("entity")
    if name is None:
        errors.add("name", "is required")
    elif len(name) > SHORT_TEXT:
        errors.add("name", f"must be at most {SHORT_TEXT} characters")
    if entity not in ENTITIES:
        errors.add("entity", f"must be one of: {', '.join(ENTITIES)}")
    fields = fields_by_entity.get(entity, ()) if entity in ENTITIES else ()
    trigger_field = _check_trigger(errors, data, fields)
    condition = _check_condition(errors, data.get("condition"), fields, entity)
    params = _check_params(errors, data.get("action"), data.get("action_params") or {})
    active, position = data.get("active", True), data.get("position")
    if not isinstance(active, bool):
        errors.add("active", "must be true or false")
    if position is not None and (not isinstance(position, int) or isinstance(position, bool) or position < 0):
        errors.add("position", "must be a whole number from 0")
    errors.raise_if_any()
    cleaned = {
        "name": name,
        "entity": entity,
        "trigger": data["trigger"],
        "trigger_field": trigger_field,
        "condition": condition,
        "action": data["action"],
        "action_params": params,
        "active": active,
    }
    if position is not None:
        cleaned["position"] = position
    return cleaned


def _field_value(record: Mapping[str, Any], field: str) -> Any:
    if field.startswith(CUSTOM_PREFIX):
        return (record.get("custom") or {}).get(field[len(CUSTOM_PREFIX) :])
    return record.get(field)


def _same(actual: Any, expected: Any) -> bool:
    """Whether a record's value equals a value an admin typed (often as text)."""
    if actual is None or expected is None:
        return clean_text(actual) is None and clean_text(expected) is None
    if isinstance(actual, bool):
        return actual == (expected if isinstance(expected, bool) else str(expected).lower() in TRUE_WORDS)
    if isinstance(actual, int | float | Decimal):
        try:
            return Decimal(str(actual)) == Decimal(str(expected).strip())
        except InvalidOperation:
            return False
    return str(actual).strip().casefold() == str(expected).strip().casefold()


def condition_holds(condition: Mapping[str, Any] | None, record: Mapping[str, Any]) -> bool:
    """Whether a record (as a plain dict of its fields) meets a rule's condition; no condition holds."""
    if not condition:
        return True
    actual, op, expected = _field_value(record, condition["field"]), condition["op"], condition.get("value")
    if op == "equals":
        return _same(actual, expected)
    if op == "contains":
        if isinstance(actual, list):
            return any(_same(item, expected) for item in actual)
        return actual is not None and str(expected).casefold() in str(actual).casefold()
    if op == "in":
        return any(_same(actual, option) for option in expected or ())
    return False


def _changed(changes: Sequence[FieldChange], field: str) -> FieldChange | None:
    return next((c for c in changes if c.field == field), None)


def trigger_fired(rule: RuleLike, action: str, changes: Sequence[FieldChange]) -> bool:
    """Whether a create/update of a record is the event a rule waits for."""
    if rule.trigger == "created":
        return action == "create"
    if action != "update":
        return False
    if rule.trigger == "updated":
        return bool(changes)
    if rule.trigger == "field_changed":
        return _changed(changes, rule.trigger_field or "") is not None
    if rule.trigger == "stage_moved":
        return _changed(changes, "stage_id") is not None
    status = _changed(changes, "status")
    return status is not None and status.new == rule.trigger


def rule_matches(
    rule: RuleLike, entity: str, action: str, changes: Sequence[FieldChange], record: Mapping[str, Any]
) -> bool:
    """Whether a rule fires for this change of this record (entity, trigger and condition)."""
    if rule.entity != entity:
        return False
    return trigger_fired(rule, action, changes) and condition_holds(rule.condition, record)


TRIGGER_LABELS = {
    "created": "is created",
    "updated": "is changed",
    "field_changed": "changes its",
    "stage_moved": "moves to another stage",
    "won": "is won",
    "lost": "is lost",
}


def describe_rule(rule: RuleLike, action: str, params: Mapping[str, Any], names: Mapping[str, str]) -> str:
    """A rule in one sentence, e.g. "When an opportunity is won then notify Bea: 'Well done'".

    `names` maps "user:<id>" and "category:<id>" to what people call them.
    """
    when = f"When a{'n' if rule.entity[0] in 'aeiou' else ''} {rule.entity} {TRIGGER_LABELS[rule.trigger]}"
    if rule.trigger == "field_changed":
        when += f" {rule.trigger_field}"
    if rule.condition:
        c = rule.condition
        value = ", ".join(map(str, c["value"])) if isinstance(c["value"], list) else c["value"]
        when += f" and {c['field']} {c['op']} '{value}'"
    user = names.get(f"user:{params.get('user_id')}", f"user {params.get('user_id')}")
    then = {
        "set_owner": f"make {user} the owner",
        "add_follower": f"add {user} as follower",
        "notify": f"notify {user}: '{params.get('message')}'",
        "create_activity": "log "
        + names.get(f"category:{params.get('category_id')}", "an activity")
        + (f": '{params['note']}'" if params.get("note") else ""),
    }[action]
    return f"{when} then {then}"
