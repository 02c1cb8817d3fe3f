"""Tasks (spec §5.5): list, read, create, change, tick done, star a primary account, delete.

Access is the query filter of `task_access.py`. Every create, change and delete reaches history as
change events (entity `task`); the assignee hears of an assignment through the `assignment` subscriber.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_
from sqlmodel import Session, select

from rxcrm.db.models import Contact, Lead, Opportunity, Project, Task, TaskAccount, User
from rxcrm.db.types import utcnow
from rxcrm.domain.errors import ValidationFailed
from rxcrm.domain.records.history import DELETED, FieldChange
from rxcrm.domain.records.validation import FieldErrors, record_id
from rxcrm.domain.tasks.tasks import DONE, OPEN, STATUSES, linked_order, validate_task
from rxcrm.services.people.access import found_record
from rxcrm.services.people.permissions import require
from rxcrm.services.people.time_zones import today_for
from rxcrm.services.people.users import directory_clause
from rxcrm.services.records.changes import creation_changes, update_record
from rxcrm.services.records.events import ChangeEvent, publish
from rxcrm.services.records.listing import FIRST_PAGE, ListWindow, Page, matching, searched, sort_clause
from rxcrm.services.records.references import check_record_ref
from rxcrm.services.tasks.task_access import PERMISSION, task_clause
from rxcrm.services.tasks.task_links import account_ids_of, check_new_accounts, links_text, store_links

ENTITY = "task"
SORTABLE = ("title", "due_date", "priority", "status", "created_at", "updated_at")
EQUAL = ("assignee_id", "status", "opportunity_id", "project_id", "contact_id", "lead_id")
LINKS = {"opportunity_id": Opportunity, "project_id": Project, "contact_id": Contact, "lead_id": Lead}


@dataclass(frozen=True)
class TaskFilter:
    """What a task list is narrowed to (each field may be left open)."""

    q: str | None = None
    assignee_id: int | None = None
    status: str | None = None
    account_id: int | None = None
    opportunity_id: int | None = None
    project_id: int | None = None
    contact_id: int | None = None
    lead_id: int | None = None
    overdue: bool | None = None


def overdue_clause(actor: User) -> Any:
    """SQL: open tasks due before the user's today (his/her own calendar)."""
    return and_(Task.status == OPEN, Task.due_date < today_for(actor))


def list_tasks(session: Session, actor: User, flt: TaskFilter, window: ListWindow = FIRST_PAGE) -> Page:
    """One page of the tasks the user may see, filtered; by due day (undated last) unless sorted."""
    if flt.status is not None and flt.status not in STATUSES:
        validate_task({"status": flt.status}, creating=False)
    statement = matching(select(Task).where(task_clause(actor)), Task, flt, EQUAL)
    if flt.account_id is not None:
        linked = select(TaskAccount.task_id).where(TaskAccount.account_id == flt.account_id)
        statement = statement.where(Task.id.in_(linked))
    if flt.overdue is True:
        statement = statement.where(overdue_clause(actor))
    elif flt.overdue is False:
        statement = statement.where(~overdue_clause(actor) | Task.due_date.is_(None))
    statement = searched(statement, flt.q, Task.title, Task.description)
    if window.sort is None:
        order = (Task.due_date.is_(None), Task.due_date, Task.id)
    else:
        order = sort_clause(Task, window.sort, SORTABLE, "due_date")
    return window.fetch(session, statement, order)


def get_task(session: Session, actor: User, task_id: Any) -> Task:
    """One task the user may see (else 'not found')."""
    return found_record(session, select(Task).where(Task.id == task_id, task_clause(actor)), task_id, "task")


def _check_assignee(session: Session, actor: User, value: Any, errors: FieldErrors) -> None:
    """The assignee is an active user the acting user may see (a partner user: his/her colleagues)."""
    if value is None:
        errors.add("assignee_id", "a task needs an assignee")
        return
    found = (
        record_id(value) == value
        and session.exec(
            select(User.id).where(User.id == value, User.active.is_(True), directory_clause(actor))
        ).first()
    )
    if not found:
        errors.add("assignee_id", "no such active user")


def _clean(
    session: Session, actor: User, data: dict[str, Any], task: Task | None, links: list[int]
) -> tuple[dict[str, Any], list[int]]:
    """The task's new field values and its linked accounts in order, or every problem at once."""
    errors = FieldErrors()
    values = validate_task(data, task is None, errors)
    if task is None or ("assignee_id" in data and data["assignee_id"] != task.assignee_id):
        _check_assignee(session, actor, data.get("assignee_id", actor.id), errors)
        values["assignee_id"] = data.get("assignee_id", actor.id)
    for field, model in LINKS.items():
        if field in data and (task is None or data[field] != getattr(task, field)):
            check_record_ref(session, model, field, data, actor, errors)
            values[field] = data[field]
    wanted = links
    if "account_ids" in data or data.get("primary_account_id") is not None:
        given = data.get("account_ids")
        try:
            wanted = linked_order(links if given is None else given, data.get("primary_account_id"))
        except ValidationFailed as refused:
            errors.fields.update(refused.fields)
        check_new_accounts(session, actor, wanted, links, errors)
    errors.raise_if_any()
    if "status" in values and (task is None or values["status"] != task.status):
        values["done_at"] = utcnow() if values["status"] == DONE else None
    return values, wanted


def create_task(session: Session, actor: User, data: dict[str, Any]) -> Task:
    """A new task (assigned to its maker unless `assignee_id` names another user), with its links."""
    require(session, actor, PERMISSION, "add")
    values, links = _clean(session, actor, data, None, [])
    task = Task(**values, created_by_id=actor.id)
    session.add(task)
    session.flush()
    store_links(session, task.id, links)
    made = {**task.model_dump(), "account_ids": links_text(links)}
    publish(session, ChangeEvent(ENTITY, task.id, "create", creation_changes(made, task.title), actor.id))
    return task


def _may_change(session: Session, actor: User, task: Task, action: str) -> None:
    """Its assignee and its maker may always change a task; others as far as the role allows."""
    if actor.id not in (task.assignee_id, task.created_by_id):
        require(session, actor, PERMISSION, action)


def update_task(session: Session, actor: User, task_id: Any, data: dict[str, Any]) -> Task:
    """Change some of a task's fields and links; each real change is written to history."""
    task = get_task(session, actor, task_id)
    _may_change(session, actor, task, "edit")
    before = account_ids_of(session, task.id)
    values, links = _clean(session, actor, data, task, before)
    update_record(session, ENTITY, task, values, actor)
    if links != before:
        store_links(session, task.id, links)
        task.updated_at = utcnow()
        session.add(task)
        change = FieldChange("account_ids", links_text(before) or None, links_text(links) or None)
        publish(session, ChangeEvent(ENTITY, task.id, "update", (change,), actor.id))
    return task


def tick_task(session: Session, actor: User, task_id: Any, done: bool) -> Task:
    """Tick a task done (or open it again)."""
    return update_task(session, actor, task_id, {"status": DONE if done else OPEN})


def star_account(session: Session, actor: User, task_id: Any, account_id: Any) -> Task:
    """Make one of the task's linked accounts its primary account (it moves to the front)."""
    return update_task(session, actor, task_id, {"primary_account_id": record_id(account_id) or account_id})


def delete_task(session: Session, actor: User, task_id: Any) -> None:
    """Delete a task; its history keeps who deleted it."""
    task = get_task(session, actor, task_id)
    _may_change(session, actor, task, "delete")
    change = FieldChange(DELETED, task.title, None)
    publish(session, ChangeEvent(ENTITY, task.id, "delete", (change,), actor.id))
    store_links(session, task.id, [])
    session.delete(task)
    session.flush()
