"""REST: /projects — where opportunities belong; admins add projects."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from rxcrm.api.deps import DB, Actor
from rxcrm.api.serialize import public
from rxcrm.db.schemas.projects import ProjectCreate, ProjectPublic
from rxcrm.db.schemas.shapes import Page
from rxcrm.services.pipeline import projects as service

router = APIRouter(prefix="/projects", tags=["projects"])


@router.get("", response_model=Page[ProjectPublic])
def list_projects(session: DB, _: Actor) -> dict[str, Any]:
    """Every project with CRM enabled."""
    items = [public(p) for p in service.list_projects(session)]
    return {"items": items, "total": len(items), "limit": len(items), "offset": 0}


@router.post("", status_code=201, response_model=ProjectPublic)
def create_project(body: ProjectCreate, session: DB, actor: Actor) -> dict[str, Any]:
    """Admin adds a project."""
    return public(service.create_project(session, actor, body.model_dump()))
