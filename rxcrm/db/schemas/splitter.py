"""Lead splitter shapes: rules (conditions, priority, assignees and their share), order, "Run" result."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from rxcrm.db.schemas.shapes import Body, RecordId, changes_to

Condition = dict[str, Any]


class SplitterAssignee(Body):
    """A user or a partner and the percentage of matching leads it gets."""

    user_id: RecordId | None = None
    partner_id: RecordId | None = None
    percent: int


class SplitterCondition(Body):
    """One condition spelt out (extension): a lead field, `equals`/`in`/`contains`, the value."""

    field: str
    operator: str = "equals"
    value: str


class SplitterRuleCreate(Body):
    """A rule: condition (`{"source": "web", "country": ["DE", "AT"]}`: all must match), priority,
    position, assignees. Extensions: field/operator/value for one condition, `conditions` for several."""

    name: str
    condition: Condition | None = None
    conditions: list[SplitterCondition] | None = None
    field: str | None = None
    operator: str | None = None
    value: str | None = None
    priority: int = 0
    position: int | None = None
    active: bool = True
    assignees: list[SplitterAssignee]


SplitterRuleUpdate = changes_to(SplitterRuleCreate, "Some of a rule's values; the others stay.")


class SplitterOrder(Body):
    """Every rule id in the order they are tried (within equal priority)."""

    rule_ids: list[int]


class SplitterSharePublic(BaseModel):
    """An assignee's target share and actual split."""

    user_id: int | None
    partner_id: int | None
    name: str
    percent: int
    assigned: int
    actual_percent: float
    target: float


class SplitterRulePublic(BaseModel):
    """A rule with its conditions (also spelt out when there is one), assignees and split."""

    id: int
    name: str
    field: str | None
    operator: str | None
    value: str | None
    condition: Condition
    conditions: list[dict[str, Any]]
    priority: int
    position: int
    active: bool
    routed: int
    split_error: float
    assignees: list[SplitterSharePublic]


class SplitterRuleList(BaseModel):
    """The rules in trial order."""

    items: list[SplitterRulePublic]
    total: int
    limit: int
    offset: int


class SplitterRun(BaseModel):
    """What "Run" did with the free pool: leads routed, leads no rule matched."""

    routed: int
    unprocessed: int
