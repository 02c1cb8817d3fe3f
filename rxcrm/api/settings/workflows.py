"""REST: /workflow-rules — automation rules admins configure (spec §1.12)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from rxcrm.api.deps import DB, Actor, PageWindow
from rxcrm.api.serialize import page_body, public
from rxcrm.db.schemas.shapes import Page
from rxcrm.db.schemas.workflows import WorkflowRuleCreate, WorkflowRulePublic, WorkflowRuleUpdate
from rxcrm.services.settings import workflows as service

router = APIRouter(prefix="/workflow-rules", tags=["workflow-rules"])


@router.get("", response_model=Page[WorkflowRulePublic])
def list_rules(session: DB, actor: Actor, window: PageWindow, entity: str | None = None) -> dict[str, Any]:
    """The workflow rules in the order they run."""
    return page_body(service.list_rules(session, actor, entity, window.limit, window.offset))


@router.post("", status_code=201, response_model=WorkflowRulePublic)
def create_rule(body: WorkflowRuleCreate, session: DB, actor: Actor) -> dict[str, Any]:
    """Admin adds a rule."""
    return public(service.create_rule(session, actor, body.model_dump(exclude_unset=True)))


@router.get("/{rule_id}", response_model=WorkflowRulePublic)
def read_rule(rule_id: int, session: DB, actor: Actor) -> dict[str, Any]:
    """One rule."""
    return public(service.get_rule(session, actor, rule_id))


@router.patch("/{rule_id}", response_model=WorkflowRulePublic)
def update_rule(rule_id: int, body: WorkflowRuleUpdate, session: DB, actor: Actor) -> dict[str, Any]:
    """Admin changes a rule, e.g. switches it off."""
    return public(service.update_rule(session, actor, rule_id, body.model_dump(exclude_unset=True)))


@router.delete("/{rule_id}", status_code=204)
def delete_rule(rule_id: int, session: DB, actor: Actor) -> Response:
    """Admin removes a rule."""
    service.delete_rule(session, actor, rule_id)
    return Response(status_code=204)
