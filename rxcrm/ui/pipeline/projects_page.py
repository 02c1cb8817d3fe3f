"""The Projects page (spec §5.5): the project tree (sub-projects indented below their parents) with their
responsibles and participants, searched by name, narrowed to CRM-enabled ones, and new projects."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.services.people.permissions import can
from rxcrm.services.pipeline.project_rows import project_tree_rows
from rxcrm.services.pipeline.projects import PERMISSION, ProjectFilter
from rxcrm.ui import routes
from rxcrm.ui.actions import action
from rxcrm.ui.components.controls import action_button, icon_action, search_box, toolbar
from rxcrm.ui.components.lists import heads_table
from rxcrm.ui.layout import app_page
from rxcrm.ui.pipeline.project_form import ProjectFormState, project_form_dialog
from rxcrm.ui.state import AppState

HEADS = ("Project", "CRM", "Responsibles", "Participants", "Sub-project")


class ProjectsState(AppState):
    """The project tree as the user sees it, and whether he/she may add projects."""

    rows: list[dict[str, str]] = []
    q: str = ""
    crm_only: bool = False
    may_add: bool = False

    @rx.event
    @action
    def load(self, session: Session, user: User):
        """Read the tree (the search keeps matching projects; their parents need not match)."""
        flt = ProjectFilter(q=self.q.strip() or None, crm_enabled=True if self.crm_only else None)
        self.rows = project_tree_rows(session, user, flt)
        self.may_add = can(session, user, PERMISSION, "add") and not self.user_external

    @rx.event
    def set_q(self, text: str):
        """Search projects by name."""
        self.q = text
        return ProjectsState.load

    @rx.event
    def set_crm_only(self, on: bool):
        """Show only projects with CRM enabled, or all."""
        self.crm_only = bool(on)
        return ProjectsState.load


def _row(row: rx.Var) -> rx.Component:
    name = rx.link(
        row["name"],
        href=routes.PROJECTS + "/" + row["id"],
        padding_left=row["indent"],
        data_testid="project-link-" + row["id"],
    )
    sub = icon_action(
        "folder-plus",
        "Add a sub-project to " + row["name"],
        ProjectFormState.open_new(row["id"]),
        "project-add-sub-" + row["id"],
        when=ProjectsState.may_add,
    )
    return rx.table.row(
        rx.table.cell(rx.hstack(rx.cond(row["depth"] != "0", rx.icon("corner-down-right", size=14)), name)),
        rx.table.cell(rx.cond(row["crm"] != "", rx.badge("CRM", color_scheme="green"), rx.text("—"))),
        rx.table.cell(row["responsibles"]),
        rx.table.cell(row["participants"]),
        rx.table.cell(sub),
        data_testid="project-row-" + row["id"],
    )


def projects_content() -> rx.Component:
    """The projects page body."""
    s = ProjectsState
    crm = rx.hstack(
        rx.switch(checked=s.crm_only, on_change=s.set_crm_only, aria_label="CRM enabled only"),
        rx.text("CRM enabled only", size="2"),
        align="center",
        data_testid="projects-crm-only",
    )
    bar = toolbar(
        search_box(s.q, s.set_q.debounce(300), "Search projects…", "projects-search"),
        crm,
        rx.spacer(),
        rx.cond(
            s.may_add, action_button("New project", ProjectFormState.open_new(""), "project-new", icon="plus")
        ),
        width="100%",
        spacing="3",
    )
    table = heads_table(HEADS, rx.foreach(s.rows, _row), width="100%", variant="surface")
    empty = rx.text("No projects match.", color_scheme="gray")
    return rx.vstack(
        bar,
        rx.cond(s.rows.length() > 0, table, empty),
        project_form_dialog(),
        width="100%",
        spacing="4",
    )


projects_page = app_page("Projects", projects_content)
ON_LOAD = [AppState.require_login, ProjectsState.load]
