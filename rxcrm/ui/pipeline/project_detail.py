"""One project (spec §5.5): overview with its sub-projects, its deals (its sub-projects' too while the
setting says so), price books, tasks and members, and a link to its overview dashboard."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.services.pipeline import projects as service
from rxcrm.services.pipeline.project_rows import project_page
from rxcrm.ui import routes
from rxcrm.ui.accounts.account_detail import DEAL_COLUMNS
from rxcrm.ui.actions import action
from rxcrm.ui.components.controls import action_button, note
from rxcrm.ui.components.lists import plain_table
from rxcrm.ui.components.records import field_grid, linked_table, record_page, record_tabs
from rxcrm.ui.layout import app_page
from rxcrm.ui.pipeline.project_form import ProjectFormState, project_form_dialog
from rxcrm.ui.records.delete_state import DeletableRecord, delete_confirmation
from rxcrm.ui.records.record_page import RecordPage
from rxcrm.ui.state import AppState

TABS = (
    ("Overview", "overview"),
    ("Deals", "deals"),
    ("Price books", "price-books"),
    ("Tasks", "tasks"),
    ("Members", "members"),
)
PROJECT_DEAL_COLUMNS = [*DEAL_COLUMNS, ("project", "Project")]
SUB_PROJECT_COLUMNS = [
    ("name", "Sub-project"),
    ("responsibles", "Responsibles"),
    ("participants", "Participants"),
]
PRICE_BOOK_COLUMNS = [("name", "Price book"), ("brand", "Brand"), ("version", "Version"), ("active", "State")]
TASK_COLUMNS = [("title", "Task"), ("assignee", "Assignee"), ("due", "Due"), ("priority_label", "Priority")]
MEMBER_HEADS = ("Name", "Role", "E-mail")
SUB_DEALS = "Deals of its sub-projects are listed too (Settings → Misc: show opportunities of sub-projects)."
OWN_DEALS = "Only this project's own deals (sub-projects' deals show when the setting is on)."


class ProjectDetailState(RecordPage, DeletableRecord, AppState):
    """The project shown and the first rows of each tab."""

    project_id: int = 0
    overview: list[dict[str, str]] = []
    sub_projects: list[dict[str, str]] = []
    deals: list[dict[str, str]] = []
    price_books: list[dict[str, str]] = []
    tasks: list[dict[str, str]] = []
    members: list[dict[str, str]] = []
    with_sub_projects: bool = False
    may_edit: bool = False
    may_delete: bool = False

    @rx.event
    @action(refused="_not_found")
    def load(self, session: Session, user: User):
        """Read the project and its tabs (the URL may name the tab: `?tab=deals`)."""
        self.project_id = self._open_from_url("overview")
        project = service.get_project(session, user, self.project_id)
        page = project_page(session, user, project)
        self.name, self.found = project.name, True
        self.overview, self.sub_projects = page["overview"], page["sub_projects"]
        self.deals, self.price_books, self.tasks = page["deals"], page["price_books"], page["tasks"]
        self.members, self.with_sub_projects = page["members"], page["with_sub_projects"]
        self.may_edit, self.may_delete = page["may_edit"], page["may_delete"]

    def _delete_record(self, session: Session, user: User) -> tuple[str, str]:
        service.delete_project(session, user, self.project_id)
        return f"Project '{self.name}' deleted.", routes.PROJECTS


def _header() -> rx.Component:
    s = ProjectDetailState
    delete = delete_confirmation(
        s, "project", "Only a project without deals, price books and sub-projects can be deleted."
    )
    overview = rx.link(
        rx.hstack(rx.icon("layout-dashboard", size=16), rx.text("Overview dashboard"), align="center"),
        href=routes.PROJECTS + "/" + s.project_id.to_string() + "/overview",
        data_testid="project-overview-link",
    )
    return rx.hstack(
        rx.heading(s.name, size="7", data_testid="project-name"),
        rx.spacer(),
        overview,
        rx.cond(
            s.may_edit,
            action_button("Edit", ProjectFormState.open_edit(s.project_id), "project-edit", icon="pencil"),
        ),
        rx.cond(s.may_delete, delete),
        width="100%",
        align="center",
        spacing="3",
    )


def _member(row: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row["name"]),
        rx.table.cell(rx.badge(row["role"], color_scheme="blue")),
        rx.table.cell(row["email"]),
        data_testid="project-member-row",
    )


def _members() -> rx.Component:
    s = ProjectDetailState
    empty = rx.text("No responsibles or participants yet.", color_scheme="gray")
    return rx.cond(s.members.length() > 0, plain_table(MEMBER_HEADS, s.members, _member), empty)


def _tabs() -> rx.Component:
    s = ProjectDetailState
    overview = rx.vstack(
        field_grid(s.overview),
        rx.heading("Sub-projects", size="4"),
        linked_table(s.sub_projects, SUB_PROJECT_COLUMNS, routes.PROJECTS, "project-sub-row"),
        width="100%",
        spacing="3",
    )
    deals = rx.vstack(
        note(rx.cond(s.with_sub_projects, SUB_DEALS, OWN_DEALS)),
        linked_table(s.deals, PROJECT_DEAL_COLUMNS, routes.OPPORTUNITIES, "project-deal-row"),
        width="100%",
    )
    price_books = linked_table(s.price_books, PRICE_BOOK_COLUMNS, "/price-books", "project-price-book-row")
    panels = {
        "overview": overview,
        "deals": deals,
        "price-books": price_books,
        "tasks": linked_table(s.tasks, TASK_COLUMNS, routes.TASKS, "project-task-row"),
        "members": _members(),
    }
    return record_tabs(s, TABS, panels)


def project_detail_content() -> rx.Component:
    """The project page body."""
    return record_page(ProjectDetailState.found, "project", _header(), _tabs(), project_form_dialog())


project_detail_page = app_page("Project", project_detail_content)
ON_LOAD = [AppState.require_login, ProjectDetailState.load]
