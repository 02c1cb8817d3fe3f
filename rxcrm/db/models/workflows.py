"""Workflow rules an admin defines: when <trigger> on <entity> [and condition] then <action>."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Column, Index
from sqlmodel import Field

from rxcrm.db.models.record_keeping import Created


class WorkflowRule(Created, table=True):
    """One automation rule; active rules of an entity run in position order on its changes."""

    __table_args__ = (Index("ix_workflowrule_entity_active", "entity", "active"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    entity: str = Field(max_length=20)
    trigger: str = Field(max_length=20)
    trigger_field: str | None = Field(default=None, max_length=100)
    condition: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    action: str = Field(max_length=30)
    action_params: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    active: bool = True
    position: int = 0
