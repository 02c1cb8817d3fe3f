"""Workflow rule shapes: the automation rules admins configure (spec §1.12)."""

from __future__ import annotations

from typing import Any

from rxcrm.db.models import WorkflowRule
from rxcrm.db.schemas.shapes import Body, changes_to, public_shape


class WorkflowRuleCreate(Body):
    """A new rule (name, entity, trigger and action are required)."""

    name: str | None = None
    entity: str | None = None
    trigger: str | None = None
    trigger_field: str | None = None
    condition: dict[str, Any] | None = None
    action: str | None = None
    action_params: dict[str, Any] | None = None
    active: bool | None = None
    position: int | None = None


WorkflowRuleUpdate = changes_to(WorkflowRuleCreate, "Changes to a rule, e.g. switching it off.")


WorkflowRulePublic = public_shape(WorkflowRule, "An automation rule: when it fires and what it does.")
