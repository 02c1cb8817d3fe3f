"""Projects as the UI shows them: the tree's rows, a project's page (overview, deals, price books, tasks,
members), the edit form's values and the projects of an account's deals."""

from __future__ import annotations

from sqlmodel import Session, select

from rxcrm.db.models import PriceBook, PriceBookProject, Project, User
from rxcrm.domain.pipeline.projects import PARTICIPANT, RESPONSIBLE
from rxcrm.services.people.permissions import can
from rxcrm.services.pipeline.project_deals import account_projects, project_deals
from rxcrm.services.pipeline.project_members import member_ids, members_of, shows_sub_project_deals
from rxcrm.services.pipeline.projects import PERMISSION, ProjectFilter, project_tree
from rxcrm.services.pipeline.rows import opportunity_rows
from rxcrm.services.records.display_text import names_of, text
from rxcrm.services.records.listing import TAB_PAGE, TAB_ROWS, ListWindow
from rxcrm.services.tasks.task_rows import task_rows
from rxcrm.services.tasks.tasks import TaskFilter, list_tasks

ROLE_LABELS = {RESPONSIBLE: "Responsible", PARTICIPANT: "Participant"}


def _names(session: Session, members: dict[int, dict[int, str]]) -> dict[int, str]:
    return names_of(session, User, {u for roles in members.values() for u in roles}, User.name)


def _people(names: dict[int, str], roles: dict[int, str], role: str) -> str:
    return ", ".join(sorted(names.get(u, f"#{u}") for u in member_ids(roles, role)))


def project_tree_rows(session: Session, actor: User, flt: ProjectFilter) -> list[dict[str, str]]:
    """The projects the user sees as tree rows: depth, parent, CRM flag, responsibles and participants."""
    tree = project_tree(session, actor, flt)
    members = members_of(session, [p.id for p, _depth in tree])
    people = _names(session, members)
    parents = names_of(session, Project, {p.parent_id for p, _depth in tree}, Project.name)
    return [
        {
            "id": str(p.id),
            "name": p.name,
            "depth": str(depth),
            "indent": f"{depth * 24}px",
            "parent": parents.get(p.parent_id, ""),
            "crm": "yes" if p.crm_enabled else "",
            "responsibles": _people(people, members[p.id], RESPONSIBLE),
            "participants": _people(people, members[p.id], PARTICIPANT),
        }
        for p, depth in tree
    ]


def project_overview(session: Session, project: Project) -> list[dict[str, str]]:
    """The overview tab of a project: its parent, CRM flag, responsibles and participants."""
    members = members_of(session, [project.id])
    people = _names(session, members)
    parent = names_of(session, Project, {project.parent_id}, Project.name).get(project.parent_id, "")
    rows = (
        ("parent", "Part of", parent or "— (top level)"),
        ("crm_enabled", "CRM", "enabled" if project.crm_enabled else "not enabled"),
        ("responsibles", "Responsibles", _people(people, members[project.id], RESPONSIBLE) or "—"),
        ("participants", "Participants", _people(people, members[project.id], PARTICIPANT) or "—"),
    )
    return [{"key": k, "label": label, "value": value} for k, label, value in rows]


def member_rows(session: Session, project: Project) -> list[dict[str, str]]:
    """The project's members with their roles, responsibles first, each by name."""
    roles = members_of(session, [project.id])[project.id]
    users = {u.id: u for u in session.exec(select(User).where(User.id.in_(list(roles)))).all()}
    rows = [
        {"id": str(u), "name": users[u].name, "email": users[u].email, "role": ROLE_LABELS[role]}
        for u, role in roles.items()
        if u in users
    ]
    return sorted(rows, key=lambda r: (r["role"] != ROLE_LABELS[RESPONSIBLE], r["name"].casefold()))


def deal_rows(session: Session, actor: User, project: Project) -> list[dict[str, str]]:
    """The first deals of the project the user sees (with its sub-projects' per the setting), each
    naming its project."""
    deals = project_deals(session, actor, project.id, window=TAB_PAGE).items
    projects = names_of(session, Project, {d.project_id for d in deals}, Project.name)
    rows = opportunity_rows(session, deals)
    return [{**row, "project": projects.get(d.project_id, "")} for row, d in zip(rows, deals, strict=True)]


def price_book_rows(session: Session, actor: User, project: Project) -> list[dict[str, str]]:
    """The price books offered in the project (none for a role that may not view price books)."""
    if not can(session, actor, "price_books", "view"):
        return []
    offered = select(PriceBookProject.price_book_id).where(PriceBookProject.project_id == project.id)
    statement = select(PriceBook).where(PriceBook.id.in_(offered)).order_by(PriceBook.name).limit(TAB_ROWS)
    return [
        {
            "id": str(b.id),
            "name": b.name,
            "brand": text(b.brand),
            "version": text(b.product_version),
            "active": "active" if b.active else "inactive",
        }
        for b in session.exec(statement).all()
    ]


def task_rows_of(session: Session, actor: User, project: Project) -> list[dict[str, str]]:
    """The first tasks of the project the user sees (open first by due day; none without the right)."""
    if not can(session, actor, "tasks", "view"):
        return []
    page = list_tasks(session, actor, TaskFilter(project_id=project.id), ListWindow("status", TAB_ROWS))
    return task_rows(session, page.items)


def project_page(session: Session, actor: User, project: Project) -> dict[str, object]:
    """Everything a project's page shows, and whether the user may change or delete it."""
    return {
        "overview": project_overview(session, project),
        "deals": deal_rows(session, actor, project),
        "price_books": price_book_rows(session, actor, project),
        "tasks": task_rows_of(session, actor, project),
        "members": member_rows(session, project),
        "sub_projects": project_tree_rows(session, actor, ProjectFilter(parent_id=project.id)),
        "with_sub_projects": shows_sub_project_deals(session),
        "may_edit": can(session, actor, PERMISSION, "edit"),
        "may_delete": can(session, actor, PERMISSION, "delete"),
    }


def project_form_values(
    session: Session, project: Project
) -> tuple[dict[str, str], list[dict[str, str]], list[dict[str, str]]]:
    """A project's fields as the edit form starts with them, and its responsibles and participants."""
    crm = "true" if project.crm_enabled else "false"
    values = {"name": project.name, "parent_id": str(project.parent_id or ""), "crm_enabled": crm}
    roles = members_of(session, [project.id])[project.id]
    names = names_of(session, User, set(roles), User.name)
    chips = {
        role: [{"id": str(u), "name": names.get(u, f"#{u}")} for u in member_ids(roles, role)]
        for role in (RESPONSIBLE, PARTICIPANT)
    }
    return values, chips[RESPONSIBLE], chips[PARTICIPANT]


def account_project_rows(session: Session, actor: User, account_id: int) -> list[dict[str, str]]:
    """The projects of the account's deals the user sees, as linked rows with their parents."""
    projects = account_projects(session, actor, account_id)
    parents = names_of(session, Project, {p.parent_id for p in projects}, Project.name)
    return [
        {
            "id": str(p.id),
            "name": p.name,
            "parent": parents.get(p.parent_id, ""),
            "crm": "yes" if p.crm_enabled else "",
        }
        for p in projects
    ]
