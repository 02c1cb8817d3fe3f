"""Project shapes: what a client sends (ProjectCreate/Update) and gets back (ProjectPublic)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from rxcrm.db.schemas.shapes import Body, RecordId, changes_to
from rxcrm.domain.pipeline.projects import MAX_MEMBERS


class ProjectCreate(Body):
    """A new project: a name is required; top level unless `parent_id` names the project it belongs to."""

    name: str | None = Field(default=None, max_length=1000)
    parent_id: RecordId | None = None
    crm_enabled: bool | None = None
    responsible_ids: list[RecordId] | None = Field(default=None, max_length=MAX_MEMBERS)
    participant_ids: list[RecordId] | None = Field(default=None, max_length=MAX_MEMBERS)


ProjectUpdate = changes_to(
    ProjectCreate,
    "Changes to a project: only the fields sent change; a member list sent replaces that role's members.",
)


class ProjectPublic(BaseModel):
    """A project, its place in the tree and its members (a user is responsible or participant, not both)."""

    id: int
    name: str
    parent_id: int | None
    crm_enabled: bool
    responsible_ids: list[int]
    participant_ids: list[int]
    position: int
