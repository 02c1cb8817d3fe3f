"""Projects (spec §5.5): the predefined "CRM" project, its sub-projects and any the team adds, with their
responsibles and participants; deals and price books belong to projects.

Projects are internal: partner users see none (every id answers 'not found'). Staff see them when their
role may view *projects*; admins — and roles the matrix allows — add, change and delete them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import false
from sqlmodel import Session, select

from rxcrm.db.models import Opportunity, PriceBookProject, Project, User
from rxcrm.domain.errors import Forbidden, NotFound, ValidationFailed
from rxcrm.domain.people.reads import is_external
from rxcrm.domain.pipeline.projects import (
    MEMBER_FIELDS,
    check_name_free,
    check_parent,
    check_project_deletable,
    member_roles,
    tree_order,
    validate_project,
)
from rxcrm.domain.records.history import FieldChange
from rxcrm.domain.records.validation import FieldErrors, record_id
from rxcrm.services.people.permissions import require, role_may_view
from rxcrm.services.pipeline.project_members import (
    check_new_members,
    members_of,
    members_text,
    project_parents,
    store_members,
)
from rxcrm.services.records.changes import creation_changes, delete_record, update_record
from rxcrm.services.records.events import ChangeEvent, publish
from rxcrm.services.records.listing import FIRST_PAGE, ListWindow, Page, count_where, searched, sort_clause

ENTITY = "project"
PERMISSION = "projects"
TREE_LIMIT = 1000
SORTABLE = ("name", "position")


@dataclass(frozen=True)
class ProjectFilter:
    """What the projects list is narrowed to: a search, a parent, CRM enabled or not."""

    q: str | None = None
    parent_id: int | None = None
    crm_enabled: bool | None = None


def project_clause(actor: User) -> Any:
    """SQL: the projects the user sees — none for a partner user, all when the role may view projects."""
    if is_external(actor.role, actor.partner_id):
        return false()
    return role_may_view(actor, PERMISSION)


def list_projects(session: Session, actor: User) -> list[Project]:
    """The projects with CRM enabled the user sees, in display order (the pickers' choices)."""
    statement = select(Project).where(Project.crm_enabled.is_(True), project_clause(actor))
    return list(session.exec(statement.order_by(Project.position, Project.id)).all())


def _narrowed(actor: User, flt: ProjectFilter) -> Any:
    statement = searched(select(Project).where(project_clause(actor)), flt.q, Project.name)
    if flt.parent_id is not None:
        statement = statement.where(Project.parent_id == flt.parent_id)
    if flt.crm_enabled is not None:
        statement = statement.where(Project.crm_enabled.is_(flt.crm_enabled))
    return statement


def search_projects(
    session: Session, actor: User, flt: ProjectFilter, window: ListWindow = FIRST_PAGE
) -> Page:
    """One page of the projects the user may see, searched, filtered and sorted (display order)."""
    order = sort_clause(Project, window.sort, SORTABLE, "position")
    return window.fetch(session, _narrowed(actor, flt), order)


def project_tree(session: Session, actor: User, flt: ProjectFilter) -> list[tuple[Project, int]]:
    """The projects the user may see as a tree: each followed by its sub-projects, with its depth."""
    found = {p.id: p for p in session.exec(_narrowed(actor, flt).limit(TREE_LIMIT)).all()}
    order = tree_order([(p.id, p.parent_id, p.name) for p in found.values()])
    return [(found[pid], depth) for pid, depth in order]


def get_project(session: Session, actor: User, project_id: Any) -> Project:
    """One project the user may see (a partner user: none)."""
    wanted = record_id(project_id) if isinstance(project_id, int) else None
    project = (
        session.exec(select(Project).where(Project.id == wanted, project_clause(actor))).first()
        if wanted
        else None
    )
    if project is None:
        raise NotFound(f"project {project_id} not found")
    return project


def _may_write(session: Session, actor: User, action: str) -> None:
    """Projects are internal: a partner user never writes one, whatever the matrix says."""
    if is_external(actor.role, actor.partner_id):
        raise Forbidden("Projects are internal to your organisation.")
    require(session, actor, PERMISSION, action)


def _clean(
    session: Session, data: dict[str, Any], project: Project | None, current: dict[int, str]
) -> tuple[dict[str, Any], dict[int, str]]:
    """The project's new values and members, or every problem at once (a taken name: 409)."""
    errors = FieldErrors()
    values = validate_project(data, project is None, errors)
    if "parent_id" in data and (project is None or data["parent_id"] != project.parent_id):
        try:
            check_parent(project.id if project else None, data["parent_id"], project_parents(session))
        except ValidationFailed as refused:  # joins the other fields' problems
            errors.fields.update(refused.fields)
        values["parent_id"] = data["parent_id"]
    members = member_roles(current, data, errors)
    check_new_members(session, members, current, errors)
    errors.raise_if_any()
    if values.get("name") and (project is None or values["name"] != project.name):
        others = select(Project.name).where(Project.id != (project.id if project else None))
        check_name_free(values["name"], session.exec(others).all())
    return values, members


def _member_changes(before: dict[int, str], after: dict[int, str]) -> tuple[FieldChange, ...]:
    """History lines for the roles whose members changed."""
    changes = []
    for field, role in MEMBER_FIELDS.items():
        old, new = members_text(before, role), members_text(after, role)
        if old != new:
            changes.append(FieldChange(field, old, new))
    return tuple(changes)


def create_project(session: Session, actor: User, data: dict[str, Any]) -> Project:
    """Add a project, optionally below another one, with its responsibles and participants."""
    _may_write(session, actor, "add")
    values, members = _clean(session, data, None, {})
    project = Project(**values, position=count_where(session, Project))
    session.add(project)
    session.flush()
    store_members(session, project.id, members, {})
    made = {**project.model_dump(), **{f: members_text(members, r) for f, r in MEMBER_FIELDS.items()}}
    publish(
        session, ChangeEvent(ENTITY, project.id, "create", creation_changes(made, project.name), actor.id)
    )
    return project


def update_project(session: Session, actor: User, project_id: Any, data: dict[str, Any]) -> Project:
    """Rename, move below another project, switch CRM on or off, change the members; each real change
    is written to history."""
    project = get_project(session, actor, project_id)
    _may_write(session, actor, "edit")
    before = members_of(session, [project.id])[project.id]
    values, members = _clean(session, data, project, before)
    update_record(session, ENTITY, project, values, actor)
    changes = _member_changes(before, members)
    if changes:
        store_members(session, project.id, members, before)
        publish(session, ChangeEvent(ENTITY, project.id, "update", changes, actor.id))
    return project


def project_uses(session: Session, project_id: int) -> dict[str, int]:
    """How many deals, price books and sub-projects belong to the project (whoever sees them)."""
    return {
        "opportunities": count_where(session, Opportunity, Opportunity.project_id == project_id),
        "price books": count_where(session, PriceBookProject, PriceBookProject.project_id == project_id),
        "sub-projects": count_where(session, Project, Project.parent_id == project_id),
    }


def delete_project(session: Session, actor: User, project_id: Any) -> None:
    """Delete a project nothing belongs to any more (otherwise: 409 naming what does); its members and
    overview layouts go with it, its tasks lose the link."""
    project = get_project(session, actor, project_id)
    _may_write(session, actor, "delete")
    check_project_deletable(project.name, project_uses(session, project.id))
    store_members(session, project.id, {}, members_of(session, [project.id])[project.id])
    delete_record(session, ENTITY, project, actor)
