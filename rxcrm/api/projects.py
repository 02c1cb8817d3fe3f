"""REST: /projects — where opportunities belong; admins add projects."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict

from rxcrm.api.deps import DB, Actor, RecordId
from rxcrm.api.serialize import public
from rxcrm.services import projects as service

router = APIRouter(prefix="/projects", tags=["projects"])


class ProjectIn(BaseModel):
    """A new project's name and parent."""

    model_config = ConfigDict(extra="forbid")
    name: str
    parent_id: RecordId | None = None


@router.get("")
def list_projects(session: DB, _: Actor) -> dict[str, Any]:
    """Every project with CRM enabled."""
    items = [public(p) for p in service.list_projects(session)]
    return {"items": items, "total": len(items), "limit": len(items), "offset": 0}


@router.post("", status_code=201)
def create_project(body: ProjectIn, session: DB, actor: Actor) -> dict[str, Any]:
    """Admin adds a project."""
    return public(service.create_project(session, actor, body.model_dump()))
