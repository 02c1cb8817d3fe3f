"""REST: /tasks — tasks with an assignee and linked accounts, their statistics per assignee, history."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter
from pydantic import BaseModel
from sqlmodel import Session

from rxcrm.api.deps import DB, Actor, IdFilter, PageWindow
from rxcrm.api.records.crud import CrudRoutes
from rxcrm.api.records.history import add_history_route
from rxcrm.api.records.list_filters import list_filter
from rxcrm.db.models import Task
from rxcrm.db.schemas.shapes import Page
from rxcrm.db.schemas.tasks import TaskCreate, TaskPublic, TaskStatistics, TaskUpdate
from rxcrm.domain.tasks.tasks import is_overdue, primary_of
from rxcrm.services.people.field_visibility import VIEWER
from rxcrm.services.people.time_zones import today_for
from rxcrm.services.tasks import tasks as service
from rxcrm.services.tasks.task_links import linked_accounts
from rxcrm.services.tasks.task_stats import task_statistics

router = APIRouter(prefix="/tasks", tags=["tasks"])


def task_public(task: Task, account_ids: list[int], on: date) -> dict[str, Any]:
    """A task as the API shows it: linked accounts in order, the primary, overdue on the caller's today."""
    return {
        **task.model_dump(mode="json"),
        "account_ids": account_ids,
        "primary_account_id": primary_of(account_ids),
        "overdue": is_overdue(task.status, task.due_date, on),
    }


def task_out(session: Session, task: Task) -> dict[str, Any]:
    """One task for the acting user (the CRUD routes' answer)."""
    links = linked_accounts(session, [task.id])[task.id]
    return task_public(task, links, today_for(session.info.get(VIEWER)))


class TaskFilters(BaseModel):
    """The task list's filters, sent as query parameters."""

    assignee_id: IdFilter = None
    status: Literal["open", "done"] | None = None
    account_id: IdFilter = None
    opportunity_id: IdFilter = None
    project_id: IdFilter = None
    contact_id: IdFilter = None
    lead_id: IdFilter = None
    overdue: bool | None = None


Filtered = Annotated[service.TaskFilter, list_filter(TaskFilters, service.TaskFilter)]


@router.get("", response_model=Page[TaskPublic])
def list_tasks(session: DB, actor: Actor, flt: Filtered, window: PageWindow) -> dict[str, Any]:
    """Tasks the user may see, filtered (`overdue=true`: open and due before the caller's today)."""
    page = service.list_tasks(session, actor, flt, window.page)
    links, on = linked_accounts(session, [t.id for t in page.items]), today_for(actor)
    items = [task_public(t, links[t.id], on) for t in page.items]
    return {"items": items, "total": page.total, "limit": page.limit, "offset": page.offset}


@router.get("/statistics", response_model=list[TaskStatistics])
def read_task_statistics(session: DB, actor: Actor) -> list[dict[str, Any]]:
    """Per assignee: open, done and overdue tasks among those the caller may see."""
    return task_statistics(session, actor)


crud = CrudRoutes(router, "task", TaskPublic, TaskCreate, TaskUpdate, out=task_out)
crud.create(service.create_task, "Add a task; assigned to its maker unless `assignee_id` names someone.")
crud.read(service.get_task, "One task the user may see.")
crud.update(
    service.update_task,
    "Change some of a task's fields; `account_ids` replaces the linked accounts (the first is primary), "
    "`primary_account_id` stars one of them.",
)
crud.delete(service.delete_task, "Delete a task (its assignee, its maker, or a role allowed to).")
add_history_route(router, service.ENTITY, service.get_task)
