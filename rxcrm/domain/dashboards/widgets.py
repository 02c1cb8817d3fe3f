"""Dashboards (spec §6): the widget catalogue, what a widget may be asked for, and page layouts.

A page is an ordered list of widgets; each widget has a kind from the catalogue, a title and its
parameters (date range and filters). Layout changes are pure functions on that list, so the UI and
the API edit pages the same way and the service only stores the result.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import date
from typing import Any

from rxcrm.domain.errors import NotFound, ValidationFailed
from rxcrm.domain.records.validation import FieldErrors, check_day_range, clean_text, record_id

GLOBAL = "global"
PAGES = ("results", "statistics", "pending_payments", "product_details")
PAGE_LABELS = {
    "results": "Results",
    "statistics": "Statistics",
    "pending_payments": "Pending payments",
    "product_details": "Product details",
}
PERIODS = ("week", "month", "quarter")
MAX_WIDGETS = 24
MAX_TITLE = 100
MAX_TEAM = 100
ID_PARAMS = ("owner_id", "stage_id", "campaign_id", "partner_id", "project_id", "pipeline_id")
PARAM_NAMES = ("from", "to", "team", "period", *ID_PARAMS)


@dataclass(frozen=True)
class WidgetKind:
    """A catalogue entry: what the widget shows, how it is drawn, its rows, the records it needs to view."""

    kind: str
    label: str
    chart: str
    fields: tuple[str, ...]
    needs: str = ""


SOLD = ("product_id", "product", "count", "quantity", "amount")
DUE_WEEK = ("week", "count", "amount", "overdue_amount")
OVERDUE = ("account_id", "account", "count", "amount", "days_overdue")
CATALOGUE: tuple[WidgetKind, ...] = (
    WidgetKind("pipeline_by_stage", "Pipeline by stage", "bar", ("stage_id", "stage", "count", "amount")),
    WidgetKind("funnel", "Sales funnel", "funnel", ("stage_id", "stage", "count")),
    WidgetKind("revenue", "Revenue (won) by period", "bar", ("period", "amount")),
    WidgetKind("won_by_person", "Won deals by person", "bar", ("user_id", "count", "amount")),
    WidgetKind("activities", "Sales activities", "stacked_bar", ("category", "user_id", "count")),
    WidgetKind(
        "targets", "Team performance vs. targets", "grouped_bar", ("user_id", "period", "target", "actual")
    ),
    WidgetKind("leaderboard", "Leaderboard", "table", ("user_id", "rank", "amount")),
    WidgetKind("forecast", "Weighted forecast", "line", ("period", "weighted_amount")),
    WidgetKind("lead_conversion", "Lead conversion", "bar_line", ("period", "leads", "qualified", "rate")),
    WidgetKind("campaigns", "Campaign results", "bar", ("campaign_id", "leads", "won_amount", "cost")),
    WidgetKind("partners", "Partner results", "bar", ("partner_id", "count", "amount")),
    WidgetKind("won_by_product", "Won deals by product", "bar", SOLD),
    WidgetKind(
        "contracts", "Active contracts and recurring revenue", "bar", ("type", "count", "mrr"), "contracts"
    ),
    WidgetKind("open_invoices_by_due_week", "Open invoices by due week", "stacked_bar", DUE_WEEK, "invoices"),
    WidgetKind("overdue_by_account", "Overdue invoices by account", "bar", OVERDUE, "invoices"),
    WidgetKind("paid_per_month", "Paid invoices per month", "bar", ("period", "count", "amount"), "invoices"),
)
KINDS = {k.kind: k for k in CATALOGUE}
# What a page shows before its owner customizes it (results: the director's day; statistics: the team).
DEFAULT_LAYOUTS: dict[str, tuple[str, ...]] = {
    "results": ("revenue", "pipeline_by_stage", "won_by_person", "targets", "leaderboard", "forecast"),
    "statistics": ("funnel", "activities", "lead_conversion", "campaigns", "partners"),
    "pending_payments": ("open_invoices_by_due_week", "overdue_by_account", "paid_per_month"),
    "product_details": ("won_by_product", "contracts"),
}
# The records a page's figures are sums of: a role that may not view them sees no figures there.
PAGE_NEEDS = {"pending_payments": "invoices"}
# Options a widget starts with: team performance by quarter (the current one, to date, rep by rep).
DEFAULT_PARAMS: dict[str, dict[str, Any]] = {"targets": {"period": "quarter"}}


@dataclass(frozen=True)
class WidgetParams:
    """What a widget's numbers are narrowed to; every field may be left open."""

    date_from: date | None = None
    date_to: date | None = None
    owner_id: int | None = None
    team: str | None = None
    stage_id: int | None = None
    campaign_id: int | None = None
    partner_id: int | None = None
    period: str = "month"
    project_id: int | None = None
    pipeline_id: int | None = None  # the deals on that pipeline's stages

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready parameters (dates as ISO text, unset ones left out); `from`/`to` as in the API."""
        out: dict[str, Any] = {}
        for key, value in asdict(self).items():
            if value is None or (key == "period" and value == "month"):
                continue
            name = {"date_from": "from", "date_to": "to"}.get(key, key)
            out[name] = value.isoformat() if isinstance(value, date) else value
        return out


def widget_params(data: Mapping[str, Any] | None) -> WidgetParams:
    """Read widget parameters from an API query or a stored layout (`from`, `to`, ids, team, period)."""
    data = dict(data or {})
    errors = FieldErrors()
    unknown = sorted(set(data) - set(PARAM_NAMES))
    for name in unknown:
        errors.add(name, "is not a widget parameter")
    start, end = check_day_range(errors, data.get("from"), data.get("to"))
    ids: dict[str, int | None] = {}
    for name in ID_PARAMS:
        value = data.get(name)
        ids[name] = None if value in (None, "") else record_id(value)
        if value not in (None, "") and ids[name] is None:
            errors.add(name, "must be the id of a record")
    team = data.get("team")
    if team is not None and (not isinstance(team, str) or len(team) > MAX_TEAM):
        errors.add("team", f"must be a team name of at most {MAX_TEAM} characters")
    period = data.get("period") or "month"
    if period not in PERIODS:
        errors.add("period", f"must be one of: {', '.join(PERIODS)}")
    errors.raise_if_any()
    return WidgetParams(start, end, team=clean_text(team) if team else None, period=period, **ids)


def in_project(params: Mapping[str, Any], project_id: int | None) -> dict[str, Any]:
    """A widget's parameters on a project's overview: its figures narrowed to that project's deals."""
    return {**params, "project_id": project_id} if project_id else dict(params)


def widget_kind(kind: Any) -> WidgetKind:
    """The catalogue entry of a kind; an unknown kind is 'not found' (it names no widget)."""
    if not isinstance(kind, str) or kind not in KINDS:
        raise NotFound(f"There is no widget '{kind}'. Known: {', '.join(KINDS)}.")
    return KINDS[kind]


@dataclass(frozen=True)
class Widget:
    """A widget placed on a page: its id on the page, kind, title, parameters and baseline overlay."""

    id: str
    kind: str
    title: str
    params: dict[str, Any]
    baseline_id: int | None = None
    show_baseline: bool = False

    def as_dict(self) -> dict[str, Any]:
        """As stored in the page's layout."""
        return asdict(self)


def new_widget(kind: str, title: str | None = None, params: Mapping[str, Any] | None = None) -> Widget:
    """A widget of a catalogue kind with a fresh id, its label as title unless another is given."""
    entry = widget_kind(kind)
    return Widget(
        secrets.token_hex(4), entry.kind, _title(title, entry.label), widget_params(params).as_dict()
    )


def _title(title: Any, default: str) -> str:
    text = clean_text(title) if isinstance(title, str) else None
    if text and len(text) > MAX_TITLE:
        raise ValidationFailed.from_fields({"title": f"must be at most {MAX_TITLE} characters"})
    return text or default


def read_layout(stored: Sequence[Mapping[str, Any]] | None) -> list[Widget]:
    """A stored layout back as widgets; entries of kinds no longer in the catalogue are dropped."""
    widgets = []
    for item in stored or []:
        if isinstance(item, Mapping) and item.get("kind") in KINDS:
            widgets.append(
                Widget(
                    str(item.get("id") or secrets.token_hex(4)),
                    item["kind"],
                    str(item.get("title") or KINDS[item["kind"]].label),
                    dict(item.get("params") or {}),
                    item.get("baseline_id"),
                    bool(item.get("show_baseline")),
                )
            )
    return widgets


def default_layout(page: str) -> list[Widget]:
    """The widgets a page starts with."""
    return [new_widget(kind, params=DEFAULT_PARAMS.get(kind)) for kind in DEFAULT_LAYOUTS.get(page, ())]


def add_widget(layout: Sequence[Widget], widget: Widget) -> list[Widget]:
    """The layout with a widget appended (at most 24 on a page)."""
    if len(layout) >= MAX_WIDGETS:
        raise ValidationFailed.from_fields({"widgets": f"a page holds at most {MAX_WIDGETS} widgets"})
    return [*layout, widget]


def _index(layout: Sequence[Widget], widget_id: str) -> int:
    for index, widget in enumerate(layout):
        if widget.id == widget_id:
            return index
    raise NotFound(f"widget {widget_id} is not on this page")


def edit_widget(
    layout: Sequence[Widget],
    widget_id: str,
    title: Any = None,
    params: Mapping[str, Any] | None = None,
) -> list[Widget]:
    """The layout with one widget's title and/or parameters changed (validated like the API's)."""
    index = _index(layout, widget_id)
    widget = layout[index]
    changed = replace(
        widget,
        title=_title(title, widget.title) if title is not None else widget.title,
        params=widget_params(params).as_dict() if params is not None else widget.params,
    )
    return [*layout[:index], changed, *layout[index + 1 :]]


def remove_widget(layout: Sequence[Widget], widget_id: str) -> list[Widget]:
    """The layout without one widget."""
    index = _index(layout, widget_id)
    return [*layout[:index], *layout[index + 1 :]]


def move_widget(layout: Sequence[Widget], widget_id: str, position: int) -> list[Widget]:
    """The layout with one widget moved to a position (clamped to the page)."""
    index = _index(layout, widget_id)
    widgets = [*layout[:index], *layout[index + 1 :]]
    target = max(0, min(int(position), len(widgets)))
    return [*widgets[:target], layout[index], *widgets[target:]]


def set_baseline(
    layout: Sequence[Widget], widget_id: str, baseline_id: int | None, show: bool
) -> list[Widget]:
    """Overlay a baseline on a widget (or show it as the displayed version, or clear it)."""
    index = _index(layout, widget_id)
    changed = replace(layout[index], baseline_id=baseline_id, show_baseline=bool(show and baseline_id))
    return [*layout[:index], changed, *layout[index + 1 :]]


def home_params(role: str, user_id: int, team: str | None) -> dict[str, Any]:
    """The role-based home page (spec §6.5): a rep sees his/her own figures, a director the team's."""
    if role == "rep":
        return {"owner_id": user_id}
    if role == "director" and team:
        return {"team": team}
    return {}


WIDGET_ID = re.compile(r"^[A-Za-z0-9_-]{1,32}$")


def layout_from_input(items: Any) -> list[Widget]:
    """A whole page as a client sends it (widgets in order), each checked like an added widget."""
    if not isinstance(items, Sequence) or isinstance(items, str | bytes):
        raise ValidationFailed.from_fields({"widgets": "must be a list of widgets"})
    if len(items) > MAX_WIDGETS:
        raise ValidationFailed.from_fields({"widgets": f"a page holds at most {MAX_WIDGETS} widgets"})
    layout: list[Widget] = []
    for index, item in enumerate(items):
        layout.append(_widget_from_input(index, item, {w.id for w in layout}))
    return layout


def _widget_from_input(index: int, item: Any, taken: set[str]) -> Widget:
    if not isinstance(item, Mapping) or item.get("kind") not in KINDS:
        raise ValidationFailed.from_fields({f"widgets.{index}.kind": f"must be one of: {', '.join(KINDS)}"})
    try:
        widget = new_widget(item["kind"], item.get("title"), item.get("params"))
    except ValidationFailed as exc:
        fields = {f"widgets.{index}.{name}": problem for name, problem in exc.fields.items()}
        raise ValidationFailed.from_fields(fields) from exc
    wanted = item.get("id")
    if isinstance(wanted, str) and WIDGET_ID.match(wanted) and wanted not in taken:
        widget = replace(widget, id=wanted)
    baseline = item.get("baseline_id")
    baseline_id = None if baseline is None else record_id(baseline)
    if baseline is not None and baseline_id is None:
        raise ValidationFailed.from_fields({f"widgets.{index}.baseline_id": "must be the id of a baseline"})
    return set_baseline([widget], widget.id, baseline_id, bool(item.get("show_baseline")))[0]


def copy_layout(layout: Sequence[Widget]) -> list[Widget]:
    """The same widgets with fresh ids and no baseline overlays (a template saved or applied)."""
    return [replace(w, id=secrets.token_hex(4), baseline_id=None, show_baseline=False) for w in layout]
