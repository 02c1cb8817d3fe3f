"""REST: /splitter-rules — the lead splitter's rules, their actual vs. target split, and "Run"."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from rxcrm.api.deps import DB, Actor
from rxcrm.api.serialize import whole_list
from rxcrm.db.schemas.splitter import (
    SplitterOrder,
    SplitterRuleCreate,
    SplitterRuleList,
    SplitterRulePublic,
    SplitterRuleUpdate,
    SplitterRun,
)
from rxcrm.services.leads import splitter as service
from rxcrm.services.leads.splitter_runs import run_free_pool

router = APIRouter(prefix="/splitter-rules", tags=["lead splitter"])


def _data(body: SplitterRuleCreate) -> dict[str, Any]:
    return body.model_dump()


@router.get("", response_model=SplitterRuleList)
def list_rules(session: DB, actor: Actor) -> dict[str, Any]:
    """Rules in trial order with targets and actual split."""
    items = service.list_rules(session, actor)
    return whole_list(items)


@router.post("", status_code=201, response_model=SplitterRulePublic)
def create_rule(body: SplitterRuleCreate, session: DB, actor: Actor) -> dict[str, Any]:
    """Add a rule (admins and directors)."""
    return service.save_rule(session, actor, _data(body))


@router.post("/run", response_model=SplitterRun)
def run_rules(session: DB, actor: Actor) -> dict[str, int]:
    """Route the free pool now; unmatched leads are left unprocessed."""
    service.require_manager(actor)
    return run_free_pool(session, actor.id)


@router.put("/order", response_model=SplitterRuleList)
def reorder_rules(body: SplitterOrder, session: DB, actor: Actor) -> dict[str, Any]:
    """Set the order of the rules."""
    items = service.reorder_rules(session, actor, body.rule_ids)
    return whole_list(items)


@router.get("/{rule_id}", response_model=SplitterRulePublic)
def read_rule(rule_id: int, session: DB, actor: Actor) -> dict[str, Any]:
    """One rule with its split."""
    return service.get_rule(session, rule_id, actor)


@router.put("/{rule_id}", response_model=SplitterRulePublic)
def replace_rule(rule_id: int, body: SplitterRuleCreate, session: DB, actor: Actor) -> dict[str, Any]:
    """Replace a rule; new assignees or percentages start the counters afresh."""
    return service.save_rule(session, actor, _data(body), rule_id)


@router.patch("/{rule_id}", response_model=SplitterRulePublic)
def update_rule(rule_id: int, body: SplitterRuleUpdate, session: DB, actor: Actor) -> dict[str, Any]:
    """Change some of a rule's values; new assignees or percentages start the counters afresh."""
    return service.update_rule(session, actor, rule_id, body.model_dump(exclude_unset=True))


@router.post("/{rule_id}/reset", response_model=SplitterRulePublic)
def reset_rule(rule_id: int, session: DB, actor: Actor) -> dict[str, Any]:
    """Start the rule's split from zero."""
    return service.reset_counters(session, actor, rule_id)


@router.delete("/{rule_id}", status_code=204)
def delete_rule(rule_id: int, session: DB, actor: Actor) -> Response:
    """Delete a rule."""
    service.delete_rule(session, actor, rule_id)
    return Response(status_code=204)
