"""REST: /splitter-rules — the lead splitter's rules, their actual vs. target split, and "Run"."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response
from pydantic import BaseModel, ConfigDict

from rxcrm.api.deps import DB, Actor, RecordId
from rxcrm.services import splitter as service
from rxcrm.services.lead_routing import run_free_pool

router = APIRouter(prefix="/splitter-rules", tags=["lead splitter"])


class AssigneeIn(BaseModel):
    """A user or a partner and the percentage of matching leads it gets."""

    model_config = ConfigDict(extra="forbid")
    user_id: RecordId | None = None
    partner_id: RecordId | None = None
    percent: int


Condition = dict[str, Any]


class ConditionIn(BaseModel):
    """One condition spelt out (extension): a lead field, `equals`/`in`/`contains`, the value."""

    model_config = ConfigDict(extra="forbid")
    field: str
    operator: str = "equals"
    value: str


class RuleIn(BaseModel):
    """A rule: condition (`{"source": "web", "country": ["DE", "AT"]}`: all must match), priority,
    position, assignees. Extensions: field/operator/value for one condition, `conditions` for several."""

    model_config = ConfigDict(extra="forbid")
    name: str
    condition: Condition | None = None
    conditions: list[ConditionIn] | None = None
    field: str | None = None
    operator: str | None = None
    value: str | None = None
    priority: int = 0
    position: int | None = None
    active: bool = True
    assignees: list[AssigneeIn]


class RuleUpdate(BaseModel):
    """Some of a rule's values; the others stay."""

    model_config = ConfigDict(extra="forbid")
    name: str | None = None
    condition: Condition | None = None
    conditions: list[ConditionIn] | None = None
    field: str | None = None
    operator: str | None = None
    value: str | None = None
    priority: int | None = None
    position: int | None = None
    active: bool | None = None
    assignees: list[AssigneeIn] | None = None


class OrderIn(BaseModel):
    """Every rule id in the order they are tried (within equal priority)."""

    model_config = ConfigDict(extra="forbid")
    rule_ids: list[int]


def _data(body: RuleIn) -> dict[str, Any]:
    return body.model_dump()


@router.get("")
def list_rules(session: DB, actor: Actor) -> dict[str, Any]:
    """Rules in trial order with targets and actual split."""
    items = service.list_rules(session, actor)
    return {"items": items, "total": len(items), "limit": len(items), "offset": 0}


@router.post("", status_code=201)
def create_rule(body: RuleIn, session: DB, actor: Actor) -> dict[str, Any]:
    """Add a rule (admins and directors)."""
    return service.save_rule(session, actor, _data(body))


@router.post("/run")
def run_rules(session: DB, actor: Actor) -> dict[str, int]:
    """Route the free pool now; unmatched leads are left unprocessed."""
    service.require_manager(actor)
    return run_free_pool(session, actor.id)


@router.put("/order")
def reorder_rules(body: OrderIn, session: DB, actor: Actor) -> dict[str, Any]:
    """Set the order of the rules."""
    items = service.reorder_rules(session, actor, body.rule_ids)
    return {"items": items, "total": len(items), "limit": len(items), "offset": 0}


@router.get("/{rule_id}")
def read_rule(rule_id: int, session: DB, actor: Actor) -> dict[str, Any]:
    """One rule with its split."""
    return service.get_rule(session, rule_id, actor)


@router.put("/{rule_id}")
def replace_rule(rule_id: int, body: RuleIn, session: DB, actor: Actor) -> dict[str, Any]:
    """Replace a rule; new assignees or percentages start the counters afresh."""
    return service.save_rule(session, actor, _data(body), rule_id)


@router.patch("/{rule_id}")
def update_rule(rule_id: int, body: RuleUpdate, session: DB, actor: Actor) -> dict[str, Any]:
    """Change some of a rule's values; new assignees or percentages start the counters afresh."""
    return service.update_rule(session, actor, rule_id, body.model_dump(exclude_unset=True))


@router.post("/{rule_id}/reset")
def reset_rule(rule_id: int, session: DB, actor: Actor) -> dict[str, Any]:
    """Start the rule's split from zero."""
    return service.reset_counters(session, actor, rule_id)


@router.delete("/{rule_id}", status_code=204)
def delete_rule(rule_id: int, session: DB, actor: Actor) -> Response:
    """Delete a rule."""
    service.delete_rule(session, actor, rule_id)
    return Response(status_code=204)
