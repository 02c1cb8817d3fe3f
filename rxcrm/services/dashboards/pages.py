"""Dashboard pages per user (spec §6.1, §6.5): stored layouts, role-based defaults and page templates.

A layout is a personal setting: it is stored per user, project and page, never recorded in history,
and holds no figures (the widgets compute theirs under the viewer's access rules). Templates are
shared by everyone; they carry widgets with their options but no baseline overlays, which are personal.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, select

from rxcrm.db.models import Baseline, DashboardPage, PageTemplate, Project, User
from rxcrm.db.types import utcnow
from rxcrm.domain.dashboards import widgets as rules
from rxcrm.domain.dashboards.widgets import Widget
from rxcrm.domain.errors import Conflict, Forbidden, NotFound, ValidationFailed
from rxcrm.domain.people.permissions import refusal
from rxcrm.domain.records.validation import clean_text, record_id
from rxcrm.services.dashboards.baselines import get_baseline
from rxcrm.services.people.permissions import can

LayoutChange = Callable[[list[Widget]], list[Widget]]


def check_page(page: Any) -> str:
    """A dashboard page name (results, statistics, pending_payments, product_details)."""
    if page not in rules.PAGES:
        raise NotFound(f"There is no dashboard page '{page}'. Pages: {', '.join(rules.PAGES)}.")
    return page


def page_refusal(session: Session, actor: User, page: str) -> str:
    """Why the user sees no figures on a page ('' when he/she may): its figures sum records (invoices)
    the user's role may not view."""
    needs = rules.PAGE_NEEDS.get(check_page(page))
    return refusal(actor.role, needs, "view") if needs and not can(session, actor, needs, "view") else ""


def check_project(session: Session, project_id: int | None) -> int | None:
    """A project whose overview may be shown (None: the global overview)."""
    if project_id is None:
        return None
    project = session.get(Project, project_id) if record_id(project_id) else None
    if project is None or not project.crm_enabled:
        raise NotFound(f"project {project_id} not found")
    return project.id


def _stored(session: Session, actor: User, page: str, project_id: int | None) -> DashboardPage | None:
    # `IS NULL` for the global overview: a UNIQUE constraint treats NULL project ids as distinct.
    project = (
        DashboardPage.project_id.is_(None) if project_id is None else DashboardPage.project_id == project_id
    )
    statement = select(DashboardPage).where(
        DashboardPage.user_id == actor.id, DashboardPage.page == page, project
    )
    return session.exec(statement.order_by(DashboardPage.id)).first()


def page_scope(actor: User, project_id: int | None) -> dict[str, Any]:
    """The narrowing of the user's page (spec §6.5): on the global overview a rep's own figures, a
    director's team; a project's overview is narrowed to the project when its widgets are computed."""
    return rules.home_params(actor.role, actor.id, actor.team) if project_id is None else {}


def _default_widgets(actor: User, page: str, project_id: int | None) -> list[Widget]:
    """The page as it starts; on the global overview a rep sees his/her figures, a director the team's."""
    home = page_scope(actor, project_id)
    # Stable ids, so a widget of a never-saved page can be edited by the id it was shown with.
    return [
        replace(w, id=f"default-{index}", params=rules.widget_params({**home, **w.params}).as_dict())
        for index, w in enumerate(rules.default_layout(page))
    ]


def page_widgets(session: Session, actor: User, page: str, project_id: int | None = None) -> list[Widget]:
    """The widgets of one of the user's pages: the stored layout, else the page's role-based default."""
    page, project_id = check_page(page), check_project(session, project_id)
    stored = _stored(session, actor, page, project_id)
    if stored is None:
        return _default_widgets(actor, page, project_id)
    return rules.read_layout(stored.widgets)


def _lock_layouts(session: Session, actor: User) -> None:
    """Serialize one user's layout writes: a no-op update takes the user's row (PostgreSQL) or the
    write lock (SQLite) before the layout is read, so two saves never both insert a row."""
    session.execute(
        update(User).where(User.id == actor.id).values(team=User.team),
        execution_options={"synchronize_session": False},
    )


def change_page(
    session: Session, actor: User, page: str, project_id: int | None, change: LayoutChange
) -> list[Widget]:
    """Apply a layout change to the user's page and store the result (one row per user/project/page)."""
    page, project_id = check_page(page), check_project(session, project_id)
    _lock_layouts(session, actor)
    stored = _stored(session, actor, page, project_id)
    current = rules.read_layout(stored.widgets) if stored else _default_widgets(actor, page, project_id)
    layout = change(current)
    row = stored or DashboardPage(user_id=actor.id, project_id=project_id, page=page)
    row.widgets, row.updated_at = [w.as_dict() for w in layout], utcnow()
    session.add(row)
    session.flush()
    return layout


def replace_page(
    session: Session, actor: User, page: str, project_id: int | None, widgets: Sequence[Mapping[str, Any]]
) -> list[Widget]:
    """Store a whole page as sent (checked widget by widget; overlaid baselines must be visible)."""
    layout = rules.layout_from_input(widgets)
    for widget in layout:
        if widget.baseline_id is not None:
            _check_overlay(session, actor, widget, widget.baseline_id)
    return change_page(session, actor, page, project_id, lambda _current: layout)


def add_widget_to_page(
    session: Session,
    actor: User,
    page: str,
    project_id: int | None,
    kind: str,
    title: str | None = None,
    params: Mapping[str, Any] | None = None,
) -> list[Widget]:
    """Add a catalogue widget at the end of the page, narrowed like the page (e.g. 'Team North').

    Parameters given explicitly win over the page's scope (a director may add a company-wide widget
    through the API by asking for another team or owner)."""
    defaults = rules.DEFAULT_PARAMS.get(kind, {}) if isinstance(kind, str) else {}
    widget = rules.new_widget(kind, title, {**defaults, **page_scope(actor, project_id), **(params or {})})
    return change_page(session, actor, page, project_id, lambda layout: rules.add_widget(layout, widget))


def patch_page_widget(
    session: Session, actor: User, page: str, project_id: int | None, widget_id: str, data: Mapping[str, Any]
) -> list[Widget]:
    """Change a widget's `title`, `params`, `baseline_id`/`show_baseline` and/or `position` in one step."""

    def patch(layout: list[Widget]) -> list[Widget]:
        if "title" in data or "params" in data:
            layout = rules.edit_widget(layout, widget_id, data.get("title"), data.get("params"))
        if "baseline_id" in data or "show_baseline" in data:
            widget = _widget(layout, widget_id)
            baseline_id = data.get("baseline_id", widget.baseline_id)
            if baseline_id is not None:
                _check_overlay(session, actor, widget, baseline_id)
            layout = rules.set_baseline(layout, widget_id, baseline_id, bool(data.get("show_baseline")))
        if data.get("position") is not None:
            layout = rules.move_widget(layout, widget_id, data["position"])
        return layout

    return change_page(session, actor, page, project_id, patch)


def _widget(layout: Sequence[Widget], widget_id: str) -> Widget:
    for widget in layout:
        if widget.id == widget_id:
            return widget
    raise NotFound(f"widget {widget_id} is not on this page")


def edit_page_widget(
    session: Session,
    actor: User,
    page: str,
    project_id: int | None,
    widget_id: str,
    title: str | None = None,
    params: Mapping[str, Any] | None = None,
) -> list[Widget]:
    """Change a widget's title and/or options (date range, filters, period)."""
    data = {key: value for key, value in (("title", title), ("params", params)) if value is not None}
    return patch_page_widget(session, actor, page, project_id, widget_id, data)


def remove_page_widget(
    session: Session, actor: User, page: str, project_id: int | None, widget_id: str
) -> list[Widget]:
    """Take a widget off the page."""
    return change_page(
        session, actor, page, project_id, lambda layout: rules.remove_widget(layout, widget_id)
    )


def move_page_widget(
    session: Session, actor: User, page: str, project_id: int | None, widget_id: str, position: int
) -> list[Widget]:
    """Move a widget to a position on the page (0 is first)."""
    return patch_page_widget(session, actor, page, project_id, widget_id, {"position": position})


def _check_overlay(session: Session, actor: User, widget: Widget, baseline_id: int) -> None:
    baseline: Baseline = get_baseline(session, actor, baseline_id)
    if baseline.widget_kind != widget.kind:
        raise ValidationFailed.from_fields(
            {"baseline_id": f"is a baseline of another widget ({baseline.widget_kind})"}
        )


def set_page_baseline(
    session: Session,
    actor: User,
    page: str,
    project_id: int | None,
    widget_id: str,
    baseline_id: int | None,
    show: bool = False,
) -> list[Widget]:
    """Overlay a baseline on a widget, or show it as the displayed version (`show`); None clears it."""
    data = {"baseline_id": baseline_id, "show_baseline": show}
    return patch_page_widget(session, actor, page, project_id, widget_id, data)


def reset_page(session: Session, actor: User, page: str, project_id: int | None = None) -> list[Widget]:
    """Forget the user's layout of a page: it shows its default widgets again."""
    page, project_id = check_page(page), check_project(session, project_id)
    _lock_layouts(session, actor)
    stored = _stored(session, actor, page, project_id)
    if stored is not None:
        session.delete(stored)
        session.flush()
    return _default_widgets(actor, page, project_id)


def save_template(
    session: Session, actor: User, name: str, page: str, project_id: int | None = None
) -> PageTemplate:
    """Save the user's current layout of a page as a named template anyone can apply."""
    text = clean_text(name) if isinstance(name, str) else None
    if text is None or len(text) > rules.MAX_TITLE:
        raise ValidationFailed.from_fields({"name": f"is required (at most {rules.MAX_TITLE} characters)"})
    if session.exec(select(PageTemplate.id).where(PageTemplate.name == text)).first() is not None:
        raise Conflict(
            f"A page template named '{text}' already exists: choose another name.", {"name": "taken"}
        )
    widgets = rules.copy_layout(page_widgets(session, actor, page, project_id))
    template = PageTemplate(
        name=text, page=page, widgets=[w.as_dict() for w in widgets], created_by_id=actor.id
    )
    session.add(template)
    session.flush()
    return template


def list_templates(session: Session, actor: User, page: str | None = None) -> list[PageTemplate]:
    """The page templates (shared by everyone), by name; optionally only those saved from one page."""
    statement = select(PageTemplate).order_by(PageTemplate.name, PageTemplate.id)
    if page is not None:
        statement = statement.where(PageTemplate.page == check_page(page))
    return list(session.exec(statement).all())


def get_template(session: Session, actor: User, template_id: int) -> PageTemplate:
    """One page template."""
    template = session.get(PageTemplate, template_id) if isinstance(template_id, int) else None
    if template is None:
        raise NotFound(f"page template {template_id} not found")
    return template


def apply_template(
    session: Session, actor: User, template_id: int, page: str | None, project_id: int | None
) -> list[Widget]:
    """Replace the user's page (the template's own page when None) by a copy of a template's widgets."""
    template = get_template(session, actor, template_id)
    widgets = rules.copy_layout(rules.read_layout(template.widgets))
    return change_page(session, actor, page or template.page, project_id, lambda _current: widgets)


def delete_template(session: Session, actor: User, template_id: int) -> None:
    """Remove a page template (its creator or an admin); pages it was applied to keep their widgets."""
    template = get_template(session, actor, template_id)
    if actor.role != "admin" and template.created_by_id != actor.id:
        raise Forbidden("Only the creator of this template or an admin can delete it.")
    session.delete(template)
    session.flush()
