"""The assignee hears of a task given to him/her (never of one he/she assigned to himself/herself)."""

from __future__ import annotations

from sqlmodel import Session

from rxcrm.db.models import Notification, Task, User
from rxcrm.services.records.events import ChangeEvent

ENTITY = "task"


def assignment_message(actor: str, title: str, due: str | None) -> str:
    """What the new assignee reads: who gave him/her which task, and by when."""
    by_when = f", due {due}" if due else ""
    return f"{actor} assigned you the task '{title}'{by_when}"[:500]


def notify_task_assignee(session: Session, change: ChangeEvent) -> None:
    """A task created for someone, or handed to someone else, notifies its new assignee."""
    if change.entity != ENTITY or change.action == "delete":
        return
    if not any(c.field == "assignee_id" for c in change.changes):
        return
    task = session.get(Task, change.entity_id)
    if task is None or task.assignee_id == change.by_id:
        return
    actor = session.get(User, change.by_id) if change.by_id else None
    due = task.due_date.isoformat() if task.due_date else None
    message = assignment_message(actor.name if actor else "rxcrm", task.title, due)
    session.add(
        Notification(
            user_id=task.assignee_id, entity=ENTITY, entity_id=task.id, message=message, by_id=change.by_id
        )
    )
