"""REST: /workflow-rules — automation rules admins configure (spec §1.12)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response
from pydantic import BaseModel, ConfigDict

from rxcrm.api.deps import DB, Actor, PageWindow
from rxcrm.api.serialize import page_body, public
from rxcrm.services import workflows as service

router = APIRouter(prefix="/workflow-rules", tags=["workflow-rules"])


class WorkflowRuleIn(BaseModel):
    """A rule definition; all optional on PATCH. The service checks the whole definition."""

    model_config = ConfigDict(extra="forbid")
    name: str | None = None
    entity: str | None = None
    trigger: str | None = None
    trigger_field: str | None = None
    condition: dict[str, Any] | None = None
    action: str | None = None
    action_params: dict[str, Any] | None = None
    active: bool | None = None
    position: int | None = None


@router.get("")
def list_rules(session: DB, actor: Actor, window: PageWindow, entity: str | None = None) -> dict[str, Any]:
    """The workflow rules in the order they run."""
    return page_body(service.list_rules(session, actor, entity, window.limit, window.offset))


@router.post("", status_code=201)
def create_rule(body: WorkflowRuleIn, session: DB, actor: Actor) -> dict[str, Any]:
    """Admin adds a rule."""
    return public(service.create_rule(session, actor, body.model_dump(exclude_unset=True)))


@router.get("/{rule_id}")
def read_rule(rule_id: int, session: DB, actor: Actor) -> dict[str, Any]:
    """One rule."""
    return public(service.get_rule(session, actor, rule_id))


@router.patch("/{rule_id}")
def update_rule(rule_id: int, body: WorkflowRuleIn, session: DB, actor: Actor) -> dict[str, Any]:
    """Admin changes a rule, e.g. switches it off."""
    return public(service.update_rule(session, actor, rule_id, body.model_dump(exclude_unset=True)))


@router.delete("/{rule_id}", status_code=204)
def delete_rule(rule_id: int, session: DB, actor: Actor) -> Response:
    """Admin removes a rule."""
    service.delete_rule(session, actor, rule_id)
    return Response(status_code=204)
