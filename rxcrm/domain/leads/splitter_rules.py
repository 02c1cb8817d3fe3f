"""What a valid splitter rule is, and its conditions in the API contract's forms.

api.md writes a rule's conditions as one `condition` object, field -> wanted value:
`{"source": "web"}` (equals), `{"country": ["DE", "AT"]}` (is one of), `{"name": {"contains": "gmbh"}}`;
several fields must all match, `{}` matches any lead. Two extensions spell the same out:
`field`/`operator`/`value` for one condition and `conditions: [{"field", "operator", "value"}, …]`
for several. A rule names each field at most once, so every rule has one `condition` object.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rxcrm.domain.errors import ValidationFailed
from rxcrm.domain.leads.splitter import (
    ANY,
    CONTAINS,
    CUSTOM_PREFIX,
    EQUALS,
    FIELDS,
    IN_LIST,
    MAX_CONDITIONS,
    MAX_VALUE,
    OPERATORS,
    list_values,
)
from rxcrm.domain.leads.splitter_shares import check_percents
from rxcrm.domain.records.validation import FieldErrors, clean_text

SPELT_OUT = ("field", "operator", "value")
FORMS = "give one of: condition, conditions, or field/operator/value"


def check_condition(field: Any, operator: Any, value: Any) -> tuple[dict[str, str] | None, dict[str, str]]:
    """One condition cleaned (None for 'any lead'), or what is wrong with it by field/operator/value."""
    operator = operator or EQUALS
    if operator not in OPERATORS:
        return None, {"operator": f"must be one of: {', '.join(OPERATORS)}"}
    if operator == ANY:
        return None, {}
    problems: dict[str, str] = {}
    if not (
        isinstance(field, str) and (field in FIELDS or (field.startswith(CUSTOM_PREFIX) and len(field) > 7))
    ):
        problems["field"] = f"must be one of: {', '.join(FIELDS)} or custom.<key>"
    value = "" if value is None else value
    if not isinstance(value, str) or len(value) > MAX_VALUE:
        problems["value"] = f"must be text of at most {MAX_VALUE} characters"
    elif not value.strip() or (operator == IN_LIST and not list_values(value)):
        problems["value"] = "say which value the field must have"
    if problems:
        return None, problems
    return {"field": field, "operator": operator, "value": value.strip()}, {}


def _from_object(condition: Any) -> list[tuple[str, str, str]]:
    """The contract's condition object as (field, operator, value) triples; 422 naming `condition`."""
    if not isinstance(condition, Mapping) or len(condition) > MAX_CONDITIONS:
        raise ValidationFailed.from_fields(
            {"condition": f"must be an object of at most {MAX_CONDITIONS} fields"}
        )
    triples = []
    for field, wanted in condition.items():
        if isinstance(wanted, list):
            items = [
                str(v).strip() for v in wanted if isinstance(v, str | int | float) and not isinstance(v, bool)
            ]
            if len(items) != len(wanted) or not items or any("," in i or not i for i in items):
                raise ValidationFailed.from_fields({"condition": "a list holds plain values without commas"})
            triples.append((str(field), IN_LIST, ", ".join(items)))
        elif isinstance(wanted, Mapping) and set(wanted) == {CONTAINS} and isinstance(wanted[CONTAINS], str):
            triples.append((str(field), CONTAINS, wanted[CONTAINS]))
        elif wanted is None or isinstance(wanted, Mapping | bool):
            raise ValidationFailed.from_fields({"condition": "a field's value is text, a number or a list"})
        else:
            triples.append((str(field), EQUALS, str(wanted)))
    return triples


def _from_list(conditions: Any) -> list[tuple[Any, Any, Any]]:
    if not isinstance(conditions, list) or len(conditions) > MAX_CONDITIONS:
        raise ValidationFailed.from_fields(
            {"conditions": f"must be a list of at most {MAX_CONDITIONS} conditions"}
        )
    if not all(isinstance(c, Mapping) and (c.get("operator") or EQUALS) != ANY for c in conditions):
        raise ValidationFailed.from_fields({"conditions": "each item is a field, an operator and a value"})
    return [(c.get("field"), c.get("operator"), c.get("value")) for c in conditions]


def rule_conditions(data: Mapping[str, Any]) -> list[dict[str, str]]:
    """A rule's conditions from whichever form the caller used, checked; [] means any lead."""
    given = [
        form
        for form, present in (
            ("condition", data.get("condition") is not None),
            ("conditions", data.get("conditions") is not None),
            ("field", any(data.get(k) is not None for k in SPELT_OUT)),
        )
        if present
    ]
    if len(given) > 1:
        raise ValidationFailed.from_fields({"condition": FORMS})
    if not given or given == ["field"]:
        single, problems = check_condition(data.get("field"), data.get("operator"), data.get("value"))
        if problems:
            raise ValidationFailed.from_fields(problems)
        return [single] if single else []
    key = given[0]
    triples = _from_object(data["condition"]) if key == "condition" else _from_list(data["conditions"])
    cleaned: list[dict[str, str]] = []
    for number, triple in enumerate(triples, start=1):
        single, problems = check_condition(*triple)
        if problems:
            what, message = next(iter(problems.items()))
            raise ValidationFailed.from_fields({key: f"condition {number}: {what} {message}"})
        cleaned.append(single)
    if len({c["field"] for c in cleaned}) < len(cleaned):
        raise ValidationFailed.from_fields({key: "name each field at most once"})
    return cleaned


def condition_object(conditions: Sequence[Mapping[str, str]]) -> dict[str, Any]:
    """A rule's conditions as the contract's object; `contains` as `{field: {"contains": value}}`."""
    answer: dict[str, Any] = {}
    for c in conditions:
        if c["operator"] == IN_LIST:
            answer[c["field"]] = [v.strip() for v in c["value"].replace("\n", ",").split(",") if v.strip()]
        elif c["operator"] == CONTAINS:
            answer[c["field"]] = {CONTAINS: c["value"]}
        elif c["operator"] != ANY:
            answer[c["field"]] = c["value"]
    return answer


def spelt_out(conditions: Sequence[Mapping[str, str]]) -> dict[str, str | None]:
    """The field/operator/value extension: 'any' for no condition, null when there are several."""
    if not conditions:
        return {"field": "", "operator": ANY, "value": ""}
    if len(conditions) == 1:
        return {k: conditions[0][k] for k in SPELT_OUT}
    return dict.fromkeys(SPELT_OUT)


def validate_rule(data: Mapping[str, Any]) -> dict[str, Any]:
    """Check a rule's name, conditions, priority and assignees; return the cleaned values."""
    errors = FieldErrors()
    try:
        conditions = rule_conditions(data)
    except ValidationFailed as exc:
        conditions = []
        for key, message in exc.fields.items():
            errors.add(key, message)
    name = clean_text(data.get("name")) if isinstance(data.get("name"), str) else None
    if not name or len(name) > 100:
        errors.add("name", "is required (at most 100 characters)")
    priority = data.get("priority", 0)
    if isinstance(priority, bool) or not isinstance(priority, int) or not -1000 <= priority <= 1000:
        errors.add("priority", "must be a whole number from -1000 to 1000")
    assignees = data.get("assignees")
    _check_assignees(errors, assignees)
    position = data.get("position")
    if position is not None and (isinstance(position, bool) or not isinstance(position, int) or position < 0):
        errors.add("position", "must be a whole number of at least 0")
    errors.raise_if_any()
    return {
        "name": name,
        "position": position,
        "conditions": conditions,
        "priority": priority,
        "active": bool(data.get("active", True)),
        "assignees": [_assignee(a) for a in assignees],
    }


def _check_assignees(errors: FieldErrors, assignees: Any) -> None:
    if not isinstance(assignees, list) or not assignees:
        errors.add("assignees", "name at least one user or partner")
        return
    seen: set[tuple[str, int]] = set()
    for item in assignees:
        if not isinstance(item, Mapping) or (item.get("user_id") is None) == (item.get("partner_id") is None):
            errors.add("assignees", "each assignee is one user or one partner")
            return
        key = (
            ("user", item["user_id"]) if item.get("user_id") is not None else ("partner", item["partner_id"])
        )
        if key in seen:
            errors.add("assignees", "an assignee is named twice")
            return
        seen.add(key)
    try:
        check_percents([item.get("percent") for item in assignees])
    except ValidationFailed as exc:
        errors.add("assignees", exc.fields["assignees"])


def _assignee(item: Mapping[str, Any]) -> dict[str, Any]:
    return {"user_id": item.get("user_id"), "partner_id": item.get("partner_id"), "percent": item["percent"]}
