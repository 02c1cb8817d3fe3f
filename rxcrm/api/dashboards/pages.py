"""REST: /dashboards/pages and /dashboards/templates — each user's dashboard layouts and shared templates.

A page is addressed by its name and, for a project's overview, `?project_id=` (none: the global overview).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from rxcrm.api.deps import DB, Actor
from rxcrm.api.serialize import authored, whole_list
from rxcrm.db.models import PageTemplate
from rxcrm.db.schemas.dashboards import (
    DashboardPage,
    DashboardPageAdded,
    DashboardPageReplace,
    PageTemplateApply,
    PageTemplateCreate,
    PageTemplatePublic,
    WidgetCreate,
    WidgetUpdate,
)
from rxcrm.db.schemas.shapes import Page
from rxcrm.domain.dashboards.widgets import Widget
from rxcrm.domain.records.validation import MAX_ID
from rxcrm.services.dashboards import pages as service

router = APIRouter(prefix="/dashboards", tags=["dashboards"])
ProjectId = Annotated[
    int | None, Query(ge=1, le=MAX_ID, description="a project's overview; none: the global one")
]


def page_out(page: str, project_id: int | None, widgets: list[Widget]) -> dict[str, Any]:
    """A page as JSON: its name, project and widgets in order."""
    return {"page": page, "project_id": project_id, "widgets": [w.as_dict() for w in widgets]}


def template_out(template: PageTemplate) -> dict[str, Any]:
    """A page template as JSON."""
    return authored(template, "id", "name", "page", "widgets")


@router.get("/pages/{page}", response_model=DashboardPage)
def read_page(page: str, session: DB, actor: Actor, project_id: ProjectId = None) -> dict[str, Any]:
    """The caller's widgets on a page (his/her saved layout, else the role-based default)."""
    return page_out(page, project_id, service.page_widgets(session, actor, page, project_id))


@router.put("/pages/{page}", response_model=DashboardPage)
def replace_page(
    page: str, body: DashboardPageReplace, session: DB, actor: Actor, project_id: ProjectId = None
) -> dict[str, Any]:
    """Store a whole page as sent (validated widget by widget)."""
    widgets = service.replace_page(session, actor, page, project_id, body.widgets)
    return page_out(page, project_id, widgets)


@router.delete("/pages/{page}", status_code=204)
def reset_page(page: str, session: DB, actor: Actor, project_id: ProjectId = None) -> Response:
    """Forget the caller's layout: the page shows its default widgets again."""
    service.reset_page(session, actor, page, project_id)
    return Response(status_code=204)


@router.post("/pages/{page}/widgets", status_code=201, response_model=DashboardPageAdded)
def add_widget(
    page: str, body: WidgetCreate, session: DB, actor: Actor, project_id: ProjectId = None
) -> dict[str, Any]:
    """Add a widget at the end of the page; answers the page with the new widget as `widget`."""
    widgets = service.add_widget_to_page(session, actor, page, project_id, body.kind, body.title, body.params)
    return {**page_out(page, project_id, widgets), "widget": widgets[-1].as_dict()}


@router.patch("/pages/{page}/widgets/{widget_id}", response_model=DashboardPage)
def patch_widget(
    page: str, widget_id: str, body: WidgetUpdate, session: DB, actor: Actor, project_id: ProjectId = None
) -> dict[str, Any]:
    """Change a widget's title, parameters, position or baseline overlay; answers the page."""
    data = body.model_dump(exclude_unset=True)
    widgets = service.patch_page_widget(session, actor, page, project_id, widget_id, data)
    return page_out(page, project_id, widgets)


@router.delete("/pages/{page}/widgets/{widget_id}", status_code=204)
def remove_widget(
    page: str, widget_id: str, session: DB, actor: Actor, project_id: ProjectId = None
) -> Response:
    """Take a widget off the page."""
    service.remove_page_widget(session, actor, page, project_id, widget_id)
    return Response(status_code=204)


@router.post("/templates", status_code=201, response_model=PageTemplatePublic)
def save_template(body: PageTemplateCreate, session: DB, actor: Actor) -> dict[str, Any]:
    """Save the caller's current layout of a page as a template."""
    return template_out(service.save_template(session, actor, body.name, body.page, body.project_id))


@router.get("/templates", response_model=Page[PageTemplatePublic])
def list_templates(
    session: DB, actor: Actor, page: Annotated[str | None, Query(max_length=30)] = None
) -> dict[str, Any]:
    """Every page template (optionally of one page), by name."""
    items = [template_out(t) for t in service.list_templates(session, actor, page)]
    return whole_list(items)


@router.post("/templates/{template_id}/apply", response_model=DashboardPage)
def apply_template(template_id: int, body: PageTemplateApply, session: DB, actor: Actor) -> dict[str, Any]:
    """Replace one of the caller's pages by a copy of the template (fresh widget ids)."""
    template = service.get_template(session, actor, template_id)
    page = body.page or template.page
    widgets = service.apply_template(session, actor, template_id, page, body.project_id)
    return page_out(page, body.project_id, widgets)


@router.delete("/templates/{template_id}", status_code=204)
def delete_template(template_id: int, session: DB, actor: Actor) -> Response:
    """Delete a page template (its creator or an admin)."""
    service.delete_template(session, actor, template_id)
    return Response(status_code=204)
