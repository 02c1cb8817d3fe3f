"""Lead splitter rules (spec §2.6): which rule a lead falls under.

A rule holds zero or more conditions and a lead must meet all of them (none: every lead). Each
condition tests one lead field (`source`, `country`, `campaign_id`, … or `custom.<key>`) with
`equals`, `in` (a comma-separated list) or `contains`, case-insensitively. Active rules are tried by
priority (highest first), then by position; the first match routes the lead, by the exact split of
`domain/leads/splitter_shares.py` among its assignees. Rules are compiled once per batch (`matcher`), so a
lead costs one read of each field tried and one comparison per condition tried.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

EQUALS = "equals"
IN_LIST = "in"
CONTAINS = "contains"
ANY = "any"
OPERATORS = (EQUALS, IN_LIST, CONTAINS, ANY)
OPERATOR_LABELS = {EQUALS: "equals", IN_LIST: "is one of", CONTAINS: "contains", ANY: "any lead"}
FIELDS = ("source", "campaign_id", "country", "company", "email", "phone", "name", "priority", "status")
CUSTOM_PREFIX = "custom."
MAX_VALUE = 1000
MAX_CONDITIONS = 20

Lead = Mapping[str, Any]
Check = Callable[[str | None], bool]


def _text(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if type(value) is str:  # the usual case: no str() call
        return value.strip().lower()
    return str(value).strip().lower()


def _reader(field: str) -> Callable[[Lead], str | None]:
    if field.startswith(CUSTOM_PREFIX):
        key = field[len(CUSTOM_PREFIX) :]
        return lambda lead: _text((lead.get("custom") or {}).get(key))
    return lambda lead: _text(lead.get(field))


@dataclass(frozen=True)
class Condition:
    """One test of a rule: a field, an operator and the value(s) compared with."""

    field: str
    operator: str
    value: str

    def check(self) -> Check:
        """The test of the field's text (trimmed, lower case; None when empty), its value prepared once."""
        if self.operator == IN_LIST:
            return list_values(self.value).__contains__
        wanted = self.value.strip().lower()
        if self.operator == EQUALS:
            return lambda text: text == wanted
        return lambda text: text is not None and wanted in text

    def matches(self, lead: Lead) -> bool:
        """Whether a lead's field satisfies the condition (text compared without case)."""
        return self.operator == ANY or self.check()(_reader(self.field)(lead))


@dataclass(frozen=True)
class Conditions:
    """Everything a rule tests: a lead matches when it meets every condition (none: every lead)."""

    items: tuple[Condition, ...] = ()

    @classmethod
    def of(cls, stored: Iterable[Mapping[str, str]]) -> Conditions:
        """The conditions as stored on a rule (`[{"field", "operator", "value"}, …]`)."""
        return cls(tuple(Condition(c["field"], c["operator"], c["value"]) for c in stored))

    def matches(self, lead: Lead) -> bool:
        """Whether the lead meets every condition."""
        return matcher([(1, self)])(lead) == 1


RuleTest = Condition | Conditions


def _checks(rule: RuleTest) -> tuple[tuple[str, Check], ...]:
    items = rule.items if isinstance(rule, Conditions) else (rule,)
    return tuple((c.field, c.check()) for c in items if c.operator != ANY)


def list_values(value: str) -> set[str]:
    """The items of an 'is one of' value: comma or line separated, trimmed, lower case."""
    return {item.strip().lower() for item in value.replace("\n", ",").split(",") if item.strip()}


def matcher(rules: Sequence[tuple[int, RuleTest]]) -> Callable[[Lead], int | None]:
    """Compile rules (already in trial order) once; the result gives a lead's first matching rule id.

    Each field a rule tests is read and lower-cased once per lead, however many rules test it, and
    only when a rule tried needs it: the tests run on the lead's fields directly (no per-lead dict).
    """
    slots: dict[str, int] = {}
    compiled: list[tuple[int, tuple[tuple[int, Check], ...]]] = []
    for rule_id, rule in rules:
        compiled.append(
            (rule_id, tuple((slots.setdefault(f, len(slots)), check) for f, check in _checks(rule)))
        )
    readers = tuple(_reader(field) for field in slots)
    if not compiled:
        return lambda lead: None
    if not compiled[0][1]:  # the first rule takes every lead
        anyone = compiled[0][0]
        return lambda lead: anyone
    if len(readers) == 1:
        return _one_field(compiled, readers[0])
    unread = (_UNREAD,) * len(readers)

    def first(lead: Lead) -> int | None:
        texts = list(unread)
        for rule_id, checks in compiled:
            for slot, check in checks:
                text = texts[slot]
                if text is _UNREAD:
                    text = texts[slot] = readers[slot](lead)
                if not check(text):
                    break
            else:
                return rule_id
        return None

    return first


_UNREAD: Any = object()


def _one_field(
    compiled: list[tuple[int, tuple[tuple[int, Check], ...]]], read: Callable[[Lead], str | None]
) -> Callable[[Lead], int | None]:
    """The matcher when every rule tests the same one field (e.g. source): one read per lead, no container."""
    tests = tuple((rule_id, tuple(check for _, check in checks)) for rule_id, checks in compiled)

    def first(lead: Lead) -> int | None:
        text = read(lead)
        for rule_id, checks in tests:
            for check in checks:
                if not check(text):
                    break
            else:
                return rule_id
        return None

    return first


def first_match(rules: Sequence[tuple[int, RuleTest]], lead: Lead) -> int | None:
    """The id of the first rule (already in trial order) whose conditions the lead meets."""
    return matcher(rules)(lead)


def describe_condition(field: str, operator: str, value: str) -> str:
    """One condition in words, e.g. 'source equals web' or 'any lead'."""
    if operator == ANY:
        return OPERATOR_LABELS[ANY]
    return f"{field} {OPERATOR_LABELS.get(operator, operator)} {value}"


def describe_conditions(conditions: Sequence[Mapping[str, str]]) -> str:
    """A rule's conditions in words, e.g. 'source equals web and country is one of DE, AT'."""
    if not conditions:
        return OPERATOR_LABELS[ANY]
    return " and ".join(describe_condition(c["field"], c["operator"], c["value"]) for c in conditions)
