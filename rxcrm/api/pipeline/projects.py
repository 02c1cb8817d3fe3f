"""REST: /projects — projects and sub-projects with their responsibles and participants, their deals."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter
from pydantic import BaseModel
from sqlmodel import Session

from rxcrm.api.deps import DB, Actor, IdFilter, PageWindow
from rxcrm.api.records.crud import CrudRoutes
from rxcrm.api.records.history import add_history_route
from rxcrm.api.records.list_filters import list_filter
from rxcrm.api.serialize import page_body, records_page
from rxcrm.db.models import Project
from rxcrm.db.schemas.opportunities import OpportunityPublic
from rxcrm.db.schemas.projects import ProjectCreate, ProjectPublic, ProjectUpdate
from rxcrm.db.schemas.shapes import Page
from rxcrm.domain.pipeline.projects import PARTICIPANT, RESPONSIBLE
from rxcrm.services.pipeline import projects as service
from rxcrm.services.pipeline.project_deals import project_deals
from rxcrm.services.pipeline.project_members import member_ids, members_of

router = APIRouter(prefix="/projects", tags=["projects"])


def projects_out(session: Session, projects: list[Project]) -> list[dict[str, Any]]:
    """Projects as the API shows them, each with its responsibles and participants (one query)."""
    members = members_of(session, [p.id for p in projects])
    return [
        {
            **p.model_dump(mode="json"),
            "responsible_ids": member_ids(members[p.id], RESPONSIBLE),
            "participant_ids": member_ids(members[p.id], PARTICIPANT),
        }
        for p in projects
    ]


def project_out(session: Session, project: Project) -> dict[str, Any]:
    """One project for the CRUD routes' answers."""
    return projects_out(session, [project])[0]


class ProjectFilters(BaseModel):
    """The project list's filters, sent as query parameters."""

    parent_id: IdFilter = None
    crm_enabled: bool | None = None


Filtered = Annotated[service.ProjectFilter, list_filter(ProjectFilters, service.ProjectFilter)]


@router.get("", response_model=Page[ProjectPublic])
def list_projects(session: DB, actor: Actor, flt: Filtered, window: PageWindow) -> dict[str, Any]:
    """Projects the user may see (partner users: none), searched by name, filtered, sorted (`name`,
    `position`), paginated."""
    page = service.search_projects(session, actor, flt, window.page)
    return page_body(page, projects_out(session, page.items))


crud = CrudRoutes(router, "project", ProjectPublic, ProjectCreate, ProjectUpdate, out=project_out)
crud.create(
    service.create_project,
    "Add a project (admins, or roles allowed to add projects), optionally below `parent_id`, with its "
    "`responsible_ids` and `participant_ids` (a user is one or the other).",
)
crud.read(service.get_project, "One project (404 for partner users: projects are internal).")
crud.update(
    service.update_project,
    "Rename, move below another project (never below itself or its sub-projects), switch CRM on or off; "
    "a member list sent replaces that role's members.",
)
crud.delete(
    service.delete_project,
    "Delete a project no deal, price book or sub-project belongs to; otherwise 409 naming them.",
)


@router.get("/{project_id}/opportunities", response_model=Page[OpportunityPublic])
def list_project_opportunities(
    project_id: int, session: DB, actor: Actor, window: PageWindow
) -> dict[str, Any]:
    """The project's deals the user may see — with its sub-projects' while the setting 'show
    opportunities of sub-projects' is on — searched, sorted, paginated."""
    page = project_deals(session, actor, project_id, window.q, window.page)
    return records_page(session, page)


add_history_route(router, service.ENTITY, service.get_project)
