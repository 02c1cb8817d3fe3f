"""An account's Tasks tab: the tasks linked to it, ticked done in place, and its 'New task'."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.services.records.listing import TAB_ROWS, ListWindow
from rxcrm.services.tasks import tasks as service
from rxcrm.services.tasks.task_rows import task_rows
from rxcrm.ui.actions import action, success_toast
from rxcrm.ui.components.conversion import record_id_from_path, record_ref
from rxcrm.ui.state import AppState
from rxcrm.ui.tasks.task_form import new_task_button
from rxcrm.ui.tasks.task_table import task_table


class RecordTasksState(AppState):
    """The tasks linked to the account the page shows (open first by due day)."""

    rows: list[dict[str, str]] = []
    account_id: int = 0

    @rx.event
    @action
    def load(self, session: Session, user: User):
        """Read the account's tasks (its first 50)."""
        self.account_id = record_id_from_path(self.router.url.path)
        flt = service.TaskFilter(account_id=self.account_id)
        page = service.list_tasks(session, user, flt, ListWindow("status", TAB_ROWS))
        self.rows = task_rows(session, page.items, self.account_id)

    @rx.event
    @action
    def tick(self, session: Session, user: User, task_id: str, done: bool):
        """Tick a task done (or open it again)."""
        task = service.tick_task(session, user, record_ref(task_id), bool(done))
        return [success_toast(f"'{task.title}' {'done' if done else 'open again'}."), RecordTasksState.load]


def record_tasks() -> rx.Component:
    """The account's Tasks tab, read when it opens (the page holds the task dialog)."""
    s = RecordTasksState
    return rx.vstack(
        new_task_button("account", s.account_id, "account-tab-new-task"),
        task_table(s.rows, s.tick, "account", "No tasks linked to this account yet."),
        on_mount=s.load,
        width="100%",
        data_testid="record-tasks",
    )
