"""The new/edit task dialog, opened from the Tasks page, an account's tasks and any record's 'New task'."""

from __future__ import annotations

import reflex as rx
from reflex.vars import Var
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.records.validation import record_id
from rxcrm.services.records.lookups import record_label
from rxcrm.services.tasks import tasks as service
from rxcrm.services.tasks.task_prefill import new_task_values
from rxcrm.services.tasks.task_rows import task_form_values
from rxcrm.ui.actions import action, success_toast
from rxcrm.ui.components.controls import action_button, icon_action, note
from rxcrm.ui.components.conversion import optional_id
from rxcrm.ui.components.forms import choice_field, form_grid, labelled, record_form_dialog, text_field
from rxcrm.ui.components.lookup import LookupState, record_lookup
from rxcrm.ui.form_state import FormDialog
from rxcrm.ui.state import AppState

# The dialog's type-to-search pickers: (label, field, picker key, record kind).
LOOKUPS = (
    ("Assignee", "assignee_id", "task-assignee", "active_user"),
    ("Deal", "opportunity_id", "task-deal", "opportunity"),
    ("Project", "project_id", "task-project", "project"),
    ("Contact", "contact_id", "task-contact", "contact"),
)
LINKS = ("assignee_id", "opportunity_id", "project_id", "contact_id", "lead_id")
ACCOUNT_KEY = "task-account"
PRIORITIES = [{"value": p, "label": p.capitalize()} for p in ("low", "normal", "high")]
STATUSES = [{"value": "open", "label": "Open"}, {"value": "done", "label": "Done"}]


class TaskFormState(FormDialog, AppState):
    """What the task dialog shows: its fields, the linked accounts in order (first = primary)."""

    linked: list[dict[str, str]] = []
    origin: str = ""

    def _open(self, values: dict[str, str], linked: list[dict[str, str]], task_id: int, origin: str) -> list:
        self.values, self.linked, self.origin = values, linked, origin
        self._show_form(task_id)
        return [LookupState.preset(key, kind, self.values.get(field, "")) for _, field, key, kind in LOOKUPS]

    @rx.event
    def open_new(self):
        """An empty task, assigned to the user (from the Tasks page)."""
        return self._open({"assignee_id": str(self.user_id), "priority": "normal"}, [], 0, "tasks")

    @rx.event
    @action
    def open_for(self, session: Session, user: User, entity: str, record: int):
        """A new task linked to the record the user is looking at (and to its account)."""
        values, linked = new_task_values(session, user, entity, record)
        return self._open(values, linked, 0, "account" if entity == "account" else "")

    @rx.event
    @action
    def open_edit(self, session: Session, user: User, task_id: str, origin: str):
        """Open the dialog filled with a task's current values."""
        task = service.get_task(session, user, record_id(task_id) or 0)
        values, linked = task_form_values(session, task)
        return self._open(values, linked, task.id, origin)

    @rx.event
    @action
    def add_account(self, session: Session, user: User, value: str):
        """Link the account picked in the lookup (after those already linked)."""
        account = record_id(value)
        if account is not None and all(a["id"] != str(account) for a in self.linked):
            name = record_label(session, user, "account", account) or str(account)
            self.linked = [*self.linked, {"id": str(account), "name": name}]
        return LookupState.clear(ACCOUNT_KEY)

    @rx.event
    def remove_account(self, account: str):
        """Unlink an account (unlinking the primary makes the next one primary)."""
        self.linked = [a for a in self.linked if a["id"] != account]

    @rx.event
    def star_account(self, account: str):
        """Make a linked account the primary one: it moves to the front."""
        self.linked = [a for a in self.linked if a["id"] == account] + [
            a for a in self.linked if a["id"] != account
        ]

    @rx.event
    @action(refused="_refused")
    def submit(self, session: Session, user: User, form: dict):
        """Save the task, or show next to each field what to correct."""
        data = {k: form.get(k, "") for k in ("title", "description", "due_date", "priority")}
        data.update({k: optional_id(form.get(k)) for k in LINKS if k in form})
        data["account_ids"] = [int(a["id"]) for a in self.linked]
        if self.editing_id and form.get("status"):
            data["status"] = form["status"]
        task = self._save_record(session, user, service.create_task, service.update_task, data)
        self.form_open, self.errors = False, {}
        return [success_toast(f"Task '{task.title}' saved."), *self._reloads()]

    def _reloads(self) -> list:
        """The list the dialog was opened from, read again."""
        from rxcrm.ui.tasks.record_tasks import RecordTasksState  # the lists that open this dialog
        from rxcrm.ui.tasks.tasks_page import TasksState

        return {"tasks": [TasksState.load], "account": [RecordTasksState.load]}.get(self.origin, [])


def _linked_account(account: Var) -> rx.Component:
    s = TaskFormState
    first = s.linked[0]["id"] == account["id"]
    star = icon_action(
        "star",
        rx.cond(first, "Primary account", "Make primary"),
        s.star_account(account["id"]),
        "task-star-" + account["id"],
        color=rx.cond(first, "orange", "gray"),
        type="button",
    )
    remove = icon_action(
        "x",
        "Unlink " + account["name"],
        s.remove_account(account["id"]),
        "task-unlink-" + account["id"],
        type="button",
    )
    return rx.hstack(star, rx.text(account["name"], size="2"), remove, align="center", spacing="2")


def _accounts_field() -> rx.Component:
    s = TaskFormState
    picker = record_lookup(
        "Linked accounts", "", ACCOUNT_KEY, "account", on_pick=s.add_account, show_label=False
    )
    chips = rx.hstack(rx.foreach(s.linked, _linked_account), wrap="wrap", spacing="4")
    explain = note(
        "The starred account is the task's primary account; the first one linked unless you star another."
    )
    return labelled("Linked accounts", rx.vstack(chips, picker, explain, width="100%", spacing="2"))


def task_form_dialog() -> rx.Component:
    """The modal form for a new or changed task."""
    s = TaskFormState
    description = rx.text_area(
        name="description",
        default_value=s.values["description"].to(str),
        width="100%",
        aria_label="Description",
        data_testid="field-description",
    )
    pickers = [record_lookup(label, field, key, kind, s.errors) for label, field, key, kind in LOOKUPS]
    body = [
        text_field("Title", "title", s.values, s.errors, required=True),
        labelled("Description", description),
        form_grid(
            pickers[0],
            text_field("Due date", "due_date", s.values, s.errors, kind="date"),
            choice_field("Priority", "priority", s.values, s.errors, PRIORITIES),
        ),
        _accounts_field(),
        form_grid(*pickers[1:]),
        rx.el.input(type="hidden", name="lead_id", value=s.values["lead_id"].to(str)),
        rx.cond(s.editing_id > 0, choice_field("Status", "status", s.values, s.errors, STATUSES)),
    ]
    return record_form_dialog(TaskFormState, "task", body, "task-save", "760px")


def new_task_button(entity: str, record: Var, testid: str) -> rx.Component:
    """'New task' on a record's page: the dialog opens linked to the record (and its account)."""
    return action_button(
        "New task", TaskFormState.open_for(entity, record), testid, icon="square-check", variant="soft"
    )
