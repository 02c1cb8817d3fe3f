"""Dashboard shapes: a widget's rows, pages of widgets, page templates and frozen baselines."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from rxcrm.db.schemas.shapes import Body, RecordId, dataclass_shape
from rxcrm.domain.dashboards.widgets import Widget


class WidgetRows(BaseModel):
    """A widget's rows for the caller (money as decimal strings in the board currency)."""

    kind: str
    params: dict[str, Any] = Field(description="the parameters used; `from`/`to` as ISO dates")
    rows: list[dict[str, Any]]
    generated_at: str = Field(description="ISO 8601 time the rows were read")


WidgetPublic = dataclass_shape("WidgetPublic", Widget)


class DashboardPage(BaseModel):
    """A page of the caller's dashboard: its name, project (none: the global overview) and widgets."""

    page: str
    project_id: int | None
    widgets: list[WidgetPublic]


class DashboardPageAdded(DashboardPage):
    """The page after a widget was added, with the new widget as `widget`."""

    widget: WidgetPublic


class DashboardPageReplace(Body):
    """A whole page: its widgets in order (`kind`, `title`, `params`, optional `id`, `baseline_id`)."""

    widgets: list[dict[str, Any]]


class WidgetCreate(Body):
    """A catalogue widget to add, with an optional title and parameters."""

    kind: str = Field(max_length=40)
    title: str | None = None
    params: dict[str, Any] | None = None


class WidgetUpdate(Body):
    """What to change on a widget; every field optional."""

    title: str | None = None
    params: dict[str, Any] | None = None
    position: int | None = Field(default=None, ge=0, le=1_000_000)
    baseline_id: RecordId | None = None
    show_baseline: bool | None = None


class PageTemplateCreate(Body):
    """Save the caller's current layout of a page under a name."""

    name: str
    page: str = "results"
    project_id: RecordId | None = None


class PageTemplateApply(Body):
    """Where to apply a template: a page (default: the template's) of the global or a project overview."""

    page: str | None = None
    project_id: RecordId | None = None


class PageTemplatePublic(BaseModel):
    """A shared page layout."""

    id: int
    name: str
    page: str
    widgets: list[dict[str, Any]]
    created_by: int | None
    created_at: str


class BaselineCreate(Body):
    """Which widget to freeze, under what name, for which parameters (as `GET /dashboards/widgets`)."""

    widget_kind: str = Field(max_length=40)
    name: Any = None
    params: dict[str, Any] | None = None


class BaselinePublic(BaseModel):
    """A widget's rows frozen under a name (exactly as frozen)."""

    id: int
    widget_kind: str
    name: str
    params: dict[str, Any]
    rows: list[dict[str, Any]]
    created_at: str
    created_by: int | None
