"""The Tasks page (spec §5.5): my tasks, overdue ones, all the user may see; tick done inline; statistics."""

from __future__ import annotations

import reflex as rx
from reflex.vars import Var
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.services.tasks import tasks as service
from rxcrm.services.tasks.task_rows import statistics_rows, task_rows
from rxcrm.services.tasks.task_stats import task_statistics
from rxcrm.ui.actions import action, success_toast
from rxcrm.ui.components.controls import action_button, search_box, section_card, toolbar
from rxcrm.ui.components.conversion import NONE, optional_id, record_id_from_path, record_ref
from rxcrm.ui.components.lists import filter_select, pager, plain_table
from rxcrm.ui.components.lookup import lookup_box
from rxcrm.ui.layout import app_page
from rxcrm.ui.paging import PagedList
from rxcrm.ui.state import AppState
from rxcrm.ui.tasks.task_form import TaskFormState, task_form_dialog
from rxcrm.ui.tasks.task_table import task_table

VIEWS = (("mine", "My tasks"), ("overdue", "Overdue"), ("all", "All I can see"))
STATUSES = [
    {"value": "open", "label": "Open"},
    {"value": "done", "label": "Done"},
    {"value": NONE, "label": "Open and done"},
]
STAT_HEADS = ("Assignee", "Open", "Done", "Overdue")


class TasksState(PagedList, AppState):
    """One page of tasks in the chosen view, and the statistics per assignee."""

    rows: list[dict[str, str]] = []
    stats: list[dict[str, str]] = []
    sort: str = ""
    view: str = "mine"
    status_filter: str = "open"
    assignee_filter: str = ""

    def _filter_names(self) -> tuple[str, ...]:
        return ("view", "status_filter", "assignee_filter")

    @rx.event
    @action
    def load(self, session: Session, user: User):
        """Read the current page of the view and the statistics."""
        assignee = user.id if self.view == "mine" else optional_id(self.assignee_filter)
        flt = service.TaskFilter(
            q=self.q.strip() or None,
            assignee_id=assignee,
            status=None if self.status_filter == NONE else self.status_filter,
            overdue=True if self.view == "overdue" else None,
        )
        page = service.list_tasks(session, user, flt, self._window())
        self.rows, self.total = task_rows(session, page.items), page.total
        self.stats = statistics_rows(task_statistics(session, user))

    @rx.event
    @action
    def tick(self, session: Session, user: User, task_id: str, done: bool):
        """Tick a task done (or open it again) right in the list."""
        task = service.tick_task(session, user, record_ref(task_id), bool(done))
        state = "done" if done else "open again"
        return [success_toast(f"'{task.title}' {state}."), TasksState.load]

    @rx.event
    def open_from_path(self):
        """On /tasks/<id> (a notification's link), open that task's dialog."""
        task = record_id_from_path(self.router.url.path)
        return TaskFormState.open_edit(str(task), "tasks") if task else None


def _view_switch() -> rx.Component:
    return rx.segmented_control.root(
        *(
            rx.segmented_control.item(label, value=value, data_testid=f"tasks-view-{value}")
            for value, label in VIEWS
        ),
        value=TasksState.view,
        on_change=lambda v: TasksState.set_filter("view", v),
        data_testid="tasks-view",
    )


def _toolbar() -> rx.Component:
    s = TasksState
    assignee = lookup_box("tasks-assignee", "user", "Assignee…", lambda v: s.set_filter("assignee_filter", v))
    return toolbar(
        _view_switch(),
        search_box(s.q, s.set_q.debounce(300), "Search tasks…", "tasks-search", width="200px"),
        filter_select(TasksState, "status_filter", STATUSES, "Status"),
        rx.cond(s.view != "mine", assignee),
        rx.spacer(),
        action_button("New task", TaskFormState.open_new, "task-new", icon="plus"),
        width="100%",
        spacing="3",
    )


def _stat_row(row: Var) -> rx.Component:
    cells = [row["assignee"], row["open"], row["done"], row["overdue"]]
    return rx.table.row(*(rx.table.cell(c) for c in cells), data_testid="task-stat-" + row["assignee_id"])


def tasks_content() -> rx.Component:
    """The Tasks page body."""
    s = TasksState
    statistics = section_card(
        "Statistics per assignee",
        "Open, done and overdue tasks among those you may see.",
        plain_table(list(STAT_HEADS), s.stats, _stat_row),
    )
    return rx.vstack(
        _toolbar(),
        task_table(s.rows, s.tick, "tasks", "No tasks here. Change the view or add one."),
        pager(s),
        statistics,
        task_form_dialog(),
        width="100%",
        spacing="4",
    )


tasks_page = app_page("Tasks", tasks_content)
ON_LOAD = [AppState.require_login, TasksState.load]
ONE_ON_LOAD = [AppState.require_login, TasksState.load, TasksState.open_from_path]
