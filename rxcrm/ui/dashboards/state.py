"""The dashboard's state: which page of which overview, its cards as small JSON, layout changes, live sync."""

from __future__ import annotations

import asyncio
from dataclasses import asdict
from typing import Any

import reflex as rx
from sqlmodel import Session

from rxcrm.analytics.widgets_invoices import left_out_note
from rxcrm.db.models import User
from rxcrm.domain.dashboards.widgets import PAGE_NEEDS, PAGES, Widget, home_params
from rxcrm.services.dashboards import pages as service
from rxcrm.services.pipeline.projects import list_projects
from rxcrm.ui import routes
from rxcrm.ui.actions import action, success_toast
from rxcrm.ui.components.conversion import NONE, optional_id, options, record_id_from_path
from rxcrm.ui.dashboards.cards import Names, load_names, widget_card
from rxcrm.ui.dashboards.edit_state import BaselineActions, TemplateActions, WidgetEditing
from rxcrm.ui.live import DashboardFeed
from rxcrm.ui.state import AppState

# The open/closed flags of the page's dialogs (`set_dialog_open` sets only these).
DIALOGS = ("adding", "baselines_open", "template_save_open", "template_apply_open")
PROJECT_SCOPE = "This project's deals (lead figures cover every lead: leads belong to no project)"


def scope_in_words(user: User) -> str:
    """Whose figures the role-based home page shows (spec §6.5)."""
    home = home_params(user.role, user.id, user.team)
    if "owner_id" in home:
        return "Your own figures"
    if "team" in home:
        return f"Team {home['team']}'s figures"
    return "Every figure you may see"


class DashboardState(WidgetEditing, BaselineActions, TemplateActions, AppState):
    """One page of the global or a project's overview: its cards (figures as JSON), never ORM objects."""

    page: str = "results"
    project: int = 0
    project_name: str = ""
    project_choice: str = NONE
    project_options: list[dict[str, str]] = []
    scope: str = ""
    customizing: bool = False
    adding: bool = False
    cards: list[dict[str, Any]] = []
    loaded: bool = False
    no_access: str = ""
    left_out: str = ""  # invoices the page's sums leave out (their currency has no exchange rate)
    _widgets: list[dict[str, Any]] = []
    _names: dict[str, Any] = {}
    _seen_revision: int = 0

    def _project_id(self) -> int | None:
        return self.project or None

    def _page_widgets(self, session: Session, user: User) -> list[Widget]:
        """This page's widgets, none when its figures sum records the user may not view (said instead)."""
        self.no_access = service.page_refusal(session, user, self.page)
        sums_invoices = PAGE_NEEDS.get(self.page) == "invoices" and not self.no_access
        self.left_out = left_out_note(session, user) if sums_invoices else ""
        return [] if self.no_access else service.page_widgets(session, user, self.page, self._project_id())

    def _show(self, session: Session, user: User, widgets: list[Widget]) -> None:
        """Compute every widget's card under the user's access; keep the layout backend-side."""
        names = Names(**self._names) if self._names else load_names(session, user)
        cards = [widget_card(session, user, w, names, self._project_id()) for w in widgets]
        self._widgets = [w.as_dict() for w in widgets]
        if cards != self.cards:
            self.cards = cards
        self.loaded = True

    @action
    def _open(self, session: Session, user: User) -> None:
        names = load_names(session, user)
        self._names = asdict(names)
        self._fill_choices(names)
        projects = list_projects(session, user)
        self.project_options = options([(p.id, p.name) for p in projects], "Global CRM overview")
        self.project_name = next((p.name for p in projects if p.id == self.project), "")
        self.project_choice = str(self.project or NONE)
        self.scope = scope_in_words(user) if not self.project else PROJECT_SCOPE
        self._show(session, user, self._page_widgets(session, user))

    @action
    def _reload(self, session: Session, user: User) -> None:
        self._show(session, user, self._page_widgets(session, user))

    async def _start(self, project: int):  # noqa: ANN202
        self.project, self.customizing, self._names = project, False, {}
        self._seen_revision = (await self.get_state(DashboardFeed)).revision
        return await asyncio.to_thread(self._open)  # a page of widgets: off the event loop

    @rx.event
    async def open_global(self):
        """Open the global CRM overview."""
        return await self._start(0)

    @rx.event
    async def open_project(self):
        """Open the overview of the project in the address."""
        return await self._start(record_id_from_path(self.router.url.path.removesuffix("/overview")))

    @rx.event
    async def sync(self, revision: int):
        """The data behind the dashboards changed: recompute this page's widgets under my access."""
        if not self.loaded or revision <= self._seen_revision:
            return None
        self._seen_revision = revision
        return await asyncio.to_thread(self._reload)

    @rx.event
    async def show_page(self, page: str):
        """Switch to another page of the overview (results, statistics, …)."""
        if page not in PAGES or page == self.page:
            return None
        self.page, self.cards, self.loaded = page, [], False
        return await asyncio.to_thread(self._reload)

    @rx.event
    def pick_project(self, value: str):
        """Open another project's overview (or the global one)."""
        project = optional_id(value)
        return rx.redirect(routes.HOME if project is None else routes.project_overview_url(project))

    @rx.event
    def toggle_customize(self):
        """Show or hide the layout controls (add, edit, remove, move, templates)."""
        self.customizing = not self.customizing

    @action
    def _change(self, session: Session, user: User, act: Any, message: str):  # noqa: ANN202
        """Run one layout change through the service, then show the page as stored."""
        widgets = act(session, user)
        self._show(session, user, widgets)
        return success_toast(message) if message else None

    @rx.event
    def remove_widget(self, widget_id: str):
        """Take a widget off the page."""
        page, project = self.page, self._project_id()
        return self._change(
            lambda s, u: service.remove_page_widget(s, u, page, project, widget_id), "Widget removed."
        )

    @rx.event
    def move_widget(self, widget_id: str, step: int):
        """Move a widget one place up (-1) or down (+1)."""
        ids = [w["id"] for w in self._widgets]
        if widget_id not in ids:
            return None
        position, page, project = ids.index(widget_id) + step, self.page, self._project_id()
        return self._change(
            lambda s, u: service.move_page_widget(s, u, page, project, widget_id, position), ""
        )

    @rx.event
    def set_dialog_open(self, name: str, is_open: bool):
        """Open or close one of the page's dialogs: the widget catalogue, baselines, the two template ones."""
        if name in DIALOGS:
            setattr(self, name, is_open)

    @rx.event
    def add_widget(self, kind: str):
        """Add a catalogue widget at the end of the page."""
        page, project = self.page, self._project_id()
        self.adding = False
        return self._change(
            lambda s, u: service.add_widget_to_page(s, u, page, project, kind), "Widget added."
        )

    @rx.event
    def reset_page(self):
        """Forget my layout of this page: its default widgets come back."""
        page, project = self.page, self._project_id()
        return self._change(
            lambda s, u: service.reset_page(s, u, page, project), "Page reset to its default."
        )
