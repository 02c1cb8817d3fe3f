"""Projects opportunities belong to: the predefined "CRM" project and any the admin adds."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from rxcrm.db.models import Project, User
from rxcrm.domain.errors import Conflict, ValidationFailed
from rxcrm.domain.records.validation import clean_text
from rxcrm.services.people.users import require_admin
from rxcrm.services.records.changes import insert_record


def list_projects(session: Session) -> list[Project]:
    """Every project with CRM enabled, in display order."""
    statement = select(Project).where(Project.crm_enabled.is_(True)).order_by(Project.position, Project.id)
    return list(session.exec(statement).all())


def create_project(session: Session, actor: User, data: dict[str, Any]) -> Project:
    """Admin adds a project, optionally below another one."""
    require_admin(actor, "add projects")
    name = clean_text(data.get("name"))
    if name is None or len(name) > 100:
        raise ValidationFailed.from_fields({"name": "is required (at most 100 characters)"})
    parent_id = data.get("parent_id")
    if parent_id is not None and session.get(Project, parent_id) is None:
        raise ValidationFailed.from_fields({"parent_id": "no such project"})
    if session.exec(select(Project).where(Project.name == name)).first() is not None:
        raise Conflict(f"A project named '{name}' already exists.")
    project = Project(name=name, parent_id=parent_id, position=len(list_projects(session)))
    return insert_record(session, "project", project, actor)
