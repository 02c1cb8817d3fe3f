"""Who works on a project (responsibles and participants) and which projects a project's deals come from.

Read by the projects service, by the notifications (a deal's project members hear of its changes like
its managers) and by deal lists and the per-project overview (the sub-projects setting).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session, select

from rxcrm.db.models import Project, ProjectMember, User
from rxcrm.domain.pipeline.projects import RESPONSIBLE, Parents, descendants
from rxcrm.domain.records.validation import FieldErrors
from rxcrm.services.settings.toggles import current_settings

SUB_PROJECTS_SETTING = "show_subproject_opportunities"


def project_parents(session: Session) -> Parents:
    """Every project's parent (None at the top), by project id."""
    return dict(session.exec(select(Project.id, Project.parent_id)).all())


def members_of(session: Session, project_ids: Iterable[int]) -> dict[int, dict[int, str]]:
    """The members of these projects with their roles: {project: {user: role}} (one query)."""
    wanted = sorted(set(project_ids))
    found: dict[int, dict[int, str]] = {p: {} for p in wanted}
    if wanted:
        statement = select(ProjectMember).where(ProjectMember.project_id.in_(wanted))
        for member in session.exec(statement.order_by(ProjectMember.user_id)):
            found[member.project_id][member.user_id] = member.role
    return found


def member_ids(roles: dict[int, str], role: str) -> list[int]:
    """The users holding one role, by id."""
    return sorted(u for u, r in roles.items() if r == role)


def members_text(roles: dict[int, str], role: str) -> str | None:
    """The users of one role as history shows them ('3, 7'), None without any."""
    return ", ".join(str(u) for u in member_ids(roles, role)) or None


def check_new_members(
    session: Session, wanted: dict[int, str], current: dict[int, str], errors: FieldErrors
) -> None:
    """Users newly named must be active staff users (projects are internal: no partner users)."""
    new = sorted(set(wanted) - set(current))
    if not new:
        return
    statement = select(User.id).where(User.id.in_(new), User.active.is_(True), User.role != "partner")
    missing = set(new) - set(session.exec(statement).all())
    for user_id in sorted(missing):
        field = "responsible_ids" if wanted[user_id] == RESPONSIBLE else "participant_ids"
        errors.add(field, f"no such active internal user: {user_id}")


def store_members(session: Session, project_id: int, wanted: dict[int, str], current: dict[int, str]) -> None:
    """Write the members' rows: add the new, change changed roles, remove those left out."""
    rows = {
        m.user_id: m
        for m in session.exec(select(ProjectMember).where(ProjectMember.project_id == project_id))
    }
    for user_id in set(current) - set(wanted):
        session.delete(rows[user_id])
    for user_id, role in wanted.items():
        row = rows.get(user_id) or ProjectMember(project_id=project_id, user_id=user_id, role=role)
        row.role = role
        session.add(row)
    session.flush()


def project_people(session: Session, project_id: int | None) -> set[int]:
    """The responsibles and participants of a project (none without a project)."""
    if project_id is None:
        return set()
    return set(
        session.exec(select(ProjectMember.user_id).where(ProjectMember.project_id == project_id)).all()
    )


def shows_sub_project_deals(session: Session) -> bool:
    """Whether a project's deals include its sub-projects' (Settings → Misc)."""
    return bool(current_settings(session).get(SUB_PROJECTS_SETTING))


def deal_projects(session: Session, project_id: int) -> tuple[int, ...]:
    """The projects whose deals are "the project's deals": itself, and its sub-projects at any depth
    while 'show opportunities of sub-projects' is on."""
    if not shows_sub_project_deals(session):
        return (project_id,)
    return (project_id, *sorted(descendants(project_id, project_parents(session))))
