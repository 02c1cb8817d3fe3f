"""REST: /workflow-rules — automation rules admins configure (spec §1.12)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from rxcrm.api.deps import DB, Actor, PageWindow
from rxcrm.api.records.crud import CrudRoutes, public_out
from rxcrm.api.serialize import page_body
from rxcrm.db.schemas.shapes import Page
from rxcrm.db.schemas.workflows import WorkflowRuleCreate, WorkflowRulePublic, WorkflowRuleUpdate
from rxcrm.services.settings import workflows as service

router = APIRouter(prefix="/workflow-rules", tags=["workflow-rules"])


@router.get("", response_model=Page[WorkflowRulePublic])
def list_rules(session: DB, actor: Actor, window: PageWindow, entity: str | None = None) -> dict[str, Any]:
    """The workflow rules in the order they run."""
    return page_body(service.list_rules(session, actor, entity, window.page))


crud = CrudRoutes(router, "rule", WorkflowRulePublic, WorkflowRuleCreate, WorkflowRuleUpdate, out=public_out)
crud.create(service.create_rule, "Admin adds a rule.")
crud.read(service.get_rule, "One rule.")
crud.update(service.update_rule, "Admin changes a rule, e.g. switches it off.")
crud.delete(service.delete_rule, "Admin removes a rule.")
