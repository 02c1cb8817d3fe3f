"""The projects section of an account's "Projects & tickets" tab: the projects its deals belong to."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.services.pipeline.project_rows import account_project_rows
from rxcrm.ui import routes
from rxcrm.ui.components.records import linked_table
from rxcrm.ui.records.record_rows import PageRecordRows
from rxcrm.ui.state import AppState

COLUMNS = [("name", "Project"), ("parent", "Part of")]


class AccountProjectsState(PageRecordRows, AppState):
    """The projects of the account's deals the user sees (none for a partner user: projects are internal)."""

    def _rows_of(self, session: Session, user: User, record: int) -> list[dict[str, str]]:
        return account_project_rows(session, user, record)


def account_projects() -> rx.Component:
    """The account's projects, read when the tab opens."""
    return rx.vstack(
        rx.heading("Projects", size="4"),
        rx.cond(
            AccountProjectsState.rows.length() > 0,
            linked_table(AccountProjectsState.rows, COLUMNS, routes.PROJECTS, "account-project-row"),
            rx.text("None of this account's deals belongs to a project.", color_scheme="gray"),
        ),
        on_mount=AccountProjectsState.load,
        width="100%",
        data_testid="account-projects",
    )
