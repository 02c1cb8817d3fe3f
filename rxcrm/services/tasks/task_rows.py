"""Tasks as the screens show them: table rows, the statistics table and the edit form's values."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from rxcrm.db.models import Opportunity, Task, User
from rxcrm.domain.tasks.tasks import DONE, is_overdue
from rxcrm.services.people.access import visible
from rxcrm.services.people.field_visibility import VIEWER
from rxcrm.services.people.time_zones import viewer_today
from rxcrm.services.records.display_text import account_names, names_of, text
from rxcrm.services.tasks.task_links import linked_accounts

PRIORITY_LABELS = {"low": "Low", "normal": "Normal", "high": "High"}


def deal_names(session: Session, ids: set[int | None]) -> dict[int, str]:
    """Names of linked deals, only those the viewing user may see."""
    ids = {i for i in ids if i is not None}
    viewer = session.info.get(VIEWER)
    if not ids or viewer is None:
        return {}
    statement = select(Opportunity.id, Opportunity.name).where(Opportunity.id.in_(ids))
    return dict(session.exec(visible(statement, Opportunity, viewer)).all())


def task_rows(session: Session, tasks: list[Task], account_id: int = 0) -> list[dict[str, str]]:
    """One page of tasks as table rows; `primary` says whether `account_id` is a task's primary account."""
    links = linked_accounts(session, [t.id for t in tasks])
    accounts = account_names(session, {a for ids in links.values() for a in ids})
    people = names_of(session, User, {t.assignee_id for t in tasks}, User.name)
    deals = deal_names(session, {t.opportunity_id for t in tasks})
    today = viewer_today(session)
    rows = []
    for task in tasks:
        linked = links[task.id]
        first = next((a for a in linked if a in accounts), None)
        rows.append(
            {
                "id": str(task.id),
                "title": task.title,
                "assignee": people.get(task.assignee_id, ""),
                "due": text(task.due_date),
                "priority": task.priority,
                "priority_label": PRIORITY_LABELS.get(task.priority, task.priority),
                "done": "yes" if task.status == DONE else "",
                "overdue": "yes" if is_overdue(task.status, task.due_date, today) else "",
                "account": accounts.get(first, "") if first else "",
                "account_id": str(first or ""),
                "more_accounts": f"+{len(linked) - 1}" if len(linked) > 1 else "",
                "primary": "yes" if linked and linked[0] == account_id else "",
                "deal": deals.get(task.opportunity_id, ""),
                "deal_id": str(task.opportunity_id or ""),
            }
        )
    return rows


def statistics_rows(stats: list[dict[str, Any]]) -> list[dict[str, str]]:
    """The statistics per assignee as the table shows them."""
    keys = ("assignee_id", "assignee", "open", "done", "overdue")
    return [{k: str(row[k]) for k in keys} for row in stats]


def task_form_values(session: Session, task: Task) -> tuple[dict[str, str], list[dict[str, str]]]:
    """The edit form's starting values, and the linked accounts in order with the names the user may see."""
    values = {
        k: "" if v is None else str(v)
        for k, v in task.model_dump().items()
        if k in ("title", "description", "assignee_id", "due_date", "status", "priority")
        or k in ("opportunity_id", "project_id", "contact_id", "lead_id")
    }
    linked = linked_accounts(session, [task.id])[task.id]
    names = account_names(session, set(linked))
    return values, [{"id": str(a), "name": names.get(a, "(not visible to you)")} for a in linked]
