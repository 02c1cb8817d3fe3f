"""Statistics per assignee: open, done and overdue tasks among those the viewer may see (SQL GROUP BY)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import case, func
from sqlmodel import Session, select

from rxcrm.db.models import Task, User
from rxcrm.domain.tasks.tasks import DONE, OPEN
from rxcrm.services.tasks.task_access import task_clause
from rxcrm.services.tasks.tasks import overdue_clause


def _count(condition: Any) -> Any:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def task_statistics(session: Session, actor: User) -> list[dict[str, Any]]:
    """Per assignee (by name): how many of the visible tasks are open, done, and open past their due day."""
    statement = (
        select(
            Task.assignee_id,
            User.name,
            _count(Task.status == OPEN),
            _count(Task.status == DONE),
            _count(overdue_clause(actor)),
        )
        .join(User, User.id == Task.assignee_id)
        .where(task_clause(actor))
        .group_by(Task.assignee_id, User.name)
        .order_by(User.name, Task.assignee_id)
    )
    return [
        {"assignee_id": assignee, "assignee": name, "open": int(o), "done": int(d), "overdue": int(late)}
        for assignee, name, o, d, late in session.exec(statement).all()
    ]
