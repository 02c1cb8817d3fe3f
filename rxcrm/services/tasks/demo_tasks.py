"""The demo's tasks: each rep has a few on his/her accounts and deals — some overdue, some done, some
given by the director — so that My tasks, Overdue and the statistics show something."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session

from rxcrm.db.models import Account, Opportunity, User
from rxcrm.db.types import utcnow
from rxcrm.services.tasks.tasks import create_task, tick_task

# (title, days from today until due, priority, done)
DEMO_TASKS = (
    ("Call back about the offer", -3, "high", False),
    ("Send the updated price list", 2, "normal", False),
    ("Prepare the quarterly review", 9, "low", False),
    ("Confirm the delivery date", -10, "normal", True),
    ("Plan the on-site visit", 21, "normal", False),
)


def seed_demo_tasks(
    session: Session, director: User, reps: list[User], accounts: list[Account], deals: list[Opportunity]
) -> int:
    """Give every rep the demo tasks on his/her own accounts and deals; returns how many were made."""
    today = utcnow().date()
    made = 0
    for rep in reps:
        own = [a for a in accounts if a.owner_id == rep.id][: len(DEMO_TASKS)]
        won = [d for d in deals if d.owner_id == rep.id]
        for n, (title, days, priority, done) in enumerate(DEMO_TASKS):
            links = [own[n].id] if n < len(own) else []
            values = {
                "title": title,
                "due_date": today + timedelta(days=days),
                "priority": priority,
                "assignee_id": rep.id,
                "account_ids": links,
                "opportunity_id": won[n].id if n < len(won) and n % 2 == 0 else None,
            }
            task = create_task(session, director if n == 0 else rep, values)
            if done:
                tick_task(session, rep, task.id, True)
            made += 1
    return made
