"""The table of tasks the Tasks page and an account's Tasks tab share: tick done, open to edit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx
from reflex.vars import Var

from rxcrm.ui import routes
from rxcrm.ui.components.controls import row_button
from rxcrm.ui.components.lists import heads_table
from rxcrm.ui.tasks.task_form import TaskFormState

HEADS = ("Done", "Task", "Assignee", "Due", "Priority", "Primary account", "Deal", "")
PRIORITY_COLOURS = (("high", "red"), ("normal", "blue"), ("low", "gray"))


def _title(row: Var) -> rx.Component:
    return rx.text(
        row["title"],
        weight="medium",
        text_decoration=rx.cond(row["done"] != "", "line-through", "none"),
        color=rx.cond(row["done"] != "", rx.color("gray", 11), "inherit"),
    )


def _due(row: Var) -> rx.Component:
    late = rx.badge("overdue", color_scheme="red", data_testid="task-overdue-" + row["id"])
    return rx.hstack(rx.text(row["due"]), rx.cond(row["overdue"] != "", late), spacing="2", align="center")


def _account(row: Var) -> rx.Component:
    link = rx.link(row["account"], href=routes.ACCOUNTS + "/" + row["account_id"])
    return rx.hstack(
        rx.cond(row["account_id"] != "", link), rx.text(row["more_accounts"], size="1", color_scheme="gray")
    )


def task_row(row: Var, tick: Callable[[Var, Var], Any], origin: str) -> rx.Component:
    """One task: a box ticking it done (or open again), its fields, and 'Edit'."""
    box = rx.checkbox(
        checked=row["done"] != "",
        on_change=lambda done: tick(row["id"], done),
        aria_label="Done: " + row["title"],
        data_testid="task-done-" + row["id"],
    )
    deal = rx.link(row["deal"], href=routes.OPPORTUNITIES + "/" + row["deal_id"])
    return rx.table.row(
        rx.table.cell(box),
        rx.table.row_header_cell(_title(row)),
        rx.table.cell(row["assignee"]),
        rx.table.cell(_due(row), white_space="nowrap"),
        rx.table.cell(
            rx.badge(row["priority_label"], color_scheme=rx.match(row["priority"], *PRIORITY_COLOURS, "gray"))
        ),
        rx.table.cell(_account(row)),
        rx.table.cell(rx.cond(row["deal_id"] != "", deal)),
        rx.table.cell(
            row_button("Edit", TaskFormState.open_edit(row["id"], origin), "task-edit-" + row["id"])
        ),
        data_testid="task-row-" + row["id"],
    )


def task_table(rows: Var, tick: Callable[[Var, Var], Any], origin: str, empty: str) -> rx.Component:
    """The tasks, or a line saying why there are none."""
    table = heads_table(
        HEADS,
        rx.foreach(rows, lambda r: task_row(r, tick, origin)),
        width="100%",
        size="1",
        variant="surface",
    )
    return rx.cond(rows.length() > 0, table, rx.text(empty, color_scheme="gray"))
