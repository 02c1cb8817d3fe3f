"""Lead splitter rules (spec §2.6): which rule a lead falls under, and what a valid rule is.

A rule tests one lead field (`source`, `country`, `campaign_id`, … or `custom.<key>`) with
`equals`, `in` (a comma-separated list) or `contains`, case-insensitively. The API contract writes it
as a `condition` object: `{"source": "web"}` (equals), `{"country": ["DE", "AT"]}` (is one of),
`{"name": {"contains": "gmbh"}}`, `{}` (any lead); `field`/`operator`/`value` spell the same out.
Active rules are tried by priority (highest first), then by position; the first match routes the
lead, by the exact split of `domain/assignment.py` among its assignees.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rxcrm.domain.assignment import check_percents
from rxcrm.domain.errors import ValidationFailed
from rxcrm.domain.validation import FieldErrors, clean_text

EQUALS = "equals"
IN_LIST = "in"
CONTAINS = "contains"
ANY = "any"
OPERATORS = (EQUALS, IN_LIST, CONTAINS, ANY)
OPERATOR_LABELS = {EQUALS: "equals", IN_LIST: "is one of", CONTAINS: "contains", ANY: "any lead"}
FIELDS = ("source", "campaign_id", "country", "company", "email", "phone", "name", "priority", "status")
CUSTOM_PREFIX = "custom."
MAX_VALUE = 1000


@dataclass(frozen=True)
class Condition:
    """What a rule tests: one field, an operator and the value(s) compared with."""

    field: str
    operator: str
    value: str

    def matches(self, lead: Mapping[str, Any]) -> bool:
        """Whether a lead's field satisfies the condition (text compared without case)."""
        if self.operator == ANY:
            return True
        actual = _field_text(lead, self.field)
        if actual is None:
            return False
        if self.operator == EQUALS:
            return actual == self.value.strip().lower()
        if self.operator == IN_LIST:
            return actual in list_values(self.value)
        return self.value.strip().lower() in actual


def list_values(value: str) -> set[str]:
    """The items of an 'is one of' value: comma or line separated, trimmed, lower case."""
    return {item.strip().lower() for item in value.replace("\n", ",").split(",") if item.strip()}


def _field_text(lead: Mapping[str, Any], field: str) -> str | None:
    if field.startswith(CUSTOM_PREFIX):
        value = (lead.get("custom") or {}).get(field[len(CUSTOM_PREFIX) :])
    else:
        value = lead.get(field)
    if value is None or value == "":
        return None
    return str(value).strip().lower()


def first_match(rules: Sequence[tuple[int, Condition]], lead: Mapping[str, Any]) -> int | None:
    """The id of the first rule (already in trial order) whose condition the lead meets."""
    return next((rule_id for rule_id, condition in rules if condition.matches(lead)), None)


def spelt_out(condition: Any) -> dict[str, str]:
    """A contract `condition` object as field/operator/value (422 when it is not one field -> value(s))."""
    if not isinstance(condition, Mapping) or len(condition) > 1:
        raise ValidationFailed.from_fields({"condition": "must be an object with at most one field"})
    if not condition:
        return {"field": "", "operator": ANY, "value": ""}
    ((field, wanted),) = condition.items()
    if isinstance(wanted, list):
        items = [str(v).strip() for v in wanted if not isinstance(v, (dict, list))]
        if len(items) != len(wanted) or not items or any("," in i or not i for i in items):
            raise ValidationFailed.from_fields({"condition": "a list holds plain values without commas"})
        return {"field": str(field), "operator": IN_LIST, "value": ", ".join(items)}
    if isinstance(wanted, Mapping) and set(wanted) == {CONTAINS} and isinstance(wanted[CONTAINS], str):
        return {"field": str(field), "operator": CONTAINS, "value": wanted[CONTAINS]}
    if wanted is None or isinstance(wanted, (Mapping, bool)):
        raise ValidationFailed.from_fields({"condition": "a field's value is text, a number or a list"})
    return {"field": str(field), "operator": EQUALS, "value": str(wanted)}


def condition_object(field: str, operator: str, value: str) -> dict[str, Any]:
    """A rule's condition as the contract's object; `contains` as `{field: {"contains": value}}`."""
    if operator == ANY:
        return {}
    if operator == IN_LIST:
        return {field: [v.strip() for v in value.replace("\n", ",").split(",") if v.strip()]}
    if operator == CONTAINS:
        return {field: {CONTAINS: value}}
    return {field: value}


def validate_rule(data: Mapping[str, Any]) -> dict[str, Any]:
    """Check a rule's name, condition, priority and assignees; return the cleaned values."""
    if data.get("condition") is not None:
        if any(data.get(k) is not None for k in ("field", "value")):
            raise ValidationFailed.from_fields({"condition": "give either condition or field/operator/value"})
        data = {**data, **spelt_out(data["condition"])}
    errors = FieldErrors()
    name = clean_text(data.get("name")) if isinstance(data.get("name"), str) else None
    if not name or len(name) > 100:
        errors.add("name", "is required (at most 100 characters)")
    field = data.get("field")
    operator = data.get("operator") or EQUALS
    if operator not in OPERATORS:
        errors.add("operator", f"must be one of: {', '.join(OPERATORS)}")
    if operator != ANY and not (
        isinstance(field, str) and (field in FIELDS or (field.startswith(CUSTOM_PREFIX) and len(field) > 7))
    ):
        errors.add("field", f"must be one of: {', '.join(FIELDS)} or custom.<key>")
    value = data.get("value") or ""
    if not isinstance(value, str) or len(value) > MAX_VALUE:
        errors.add("value", f"must be text of at most {MAX_VALUE} characters")
    elif operator != ANY and not value.strip():
        errors.add("value", "say which value the field must have")
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
        "field": field if operator != ANY else "",
        "operator": operator,
        "value": value.strip() if operator != ANY else "",
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


def describe_condition(field: str, operator: str, value: str) -> str:
    """A rule's condition in words, e.g. 'source equals web' or 'any lead'."""
    if operator == ANY:
        return OPERATOR_LABELS[ANY]
    return f"{field} {OPERATOR_LABELS.get(operator, operator)} {value}"
