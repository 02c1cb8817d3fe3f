"""What a dashboard card shows, as small JSON: figure, headline, parameters in words, list link.

No Reflex here: the state hands each placed widget to `widget_card` and keeps only the dict it returns.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlencode

import plotly.graph_objects as go
from sqlmodel import Session

from rxcrm.analytics.widget_charts import label_rows, widget_figure, widget_summary
from rxcrm.analytics.widget_lead_lists import LEAD_WIDGETS
from rxcrm.analytics.widget_lists import BEHIND
from rxcrm.analytics.widget_product_lists import ITEM_WIDGETS
from rxcrm.analytics.widget_queries import team_names
from rxcrm.analytics.widgets import widget_rows
from rxcrm.db.models import User
from rxcrm.domain.dashboards.widgets import KINDS, Widget, in_project, widget_params
from rxcrm.domain.errors import DomainError
from rxcrm.services.accounts.partners import list_partners
from rxcrm.services.dashboards.baselines import get_baseline
from rxcrm.services.leads.campaigns import list_campaigns
from rxcrm.services.people.time_zones import shown_time
from rxcrm.services.people.users import user_names
from rxcrm.services.pipeline.stages import list_pipelines, list_stages
from rxcrm.ui import routes
from rxcrm.ui.dashboards.widget_lists import behind_link

# The list behind each widget and the fixed narrowing it implies (None: no list shows exactly the rows
# behind the number, so the title is plain). Deal widgets, lead conversion and won deals by product open
# exactly the deals, leads or sold items behind them (`BEHIND`, `LEAD_WIDGETS`, `ITEM_WIDGETS` first);
# the campaigns list cannot narrow to a date range, team or partner, and there is no activities list:
# those titles link nowhere rather than to a list that does not add up.
LISTS: dict[str, tuple[str | None, dict[str, str]]] = {
    "pipeline_by_stage": (routes.OPPORTUNITIES, {"status": "open"}),
    "funnel": (routes.OPPORTUNITIES, {}),
    "revenue": (routes.OPPORTUNITIES, {"status": "won"}),
    "won_by_person": (routes.OPPORTUNITIES, {"status": "won"}),
    "activities": (None, {}),
    "targets": (routes.OPPORTUNITIES, {"status": "won"}),
    "leaderboard": (routes.OPPORTUNITIES, {"status": "won"}),
    "forecast": (routes.OPPORTUNITIES, {"status": "open"}),
    "lead_conversion": (None, {}),
    "campaigns": (None, {}),
    "partners": ("/partners", {}),
    "won_by_product": (routes.SOLD_ITEMS, {}),
    "contracts": ("/contracts", {"kind": "term", "status": "active"}),
    # invoices are listed per account (its Invoices & billing tab): no list adds up to these widgets
    "open_invoices_by_due_week": (None, {}),
    "overdue_by_account": (None, {}),
    "paid_per_month": (None, {}),
}
# Which widget parameters each list page reads from its address.
LIST_PARAMS = {routes.OPPORTUNITIES: ("owner_id", "stage_id"), routes.LEADS: ("campaign_id",)}


@dataclass
class Names:
    """Display names of the records a widget may be narrowed to, and the teams."""

    owners: dict[int, str] = field(default_factory=dict)
    stages: dict[int, str] = field(default_factory=dict)
    campaigns: dict[int, str] = field(default_factory=dict)
    partners: dict[int, str] = field(default_factory=dict)
    teams: list[str] = field(default_factory=list)
    pipelines: dict[int, str] = field(default_factory=dict)


def load_names(session: Session, actor: User) -> Names:
    """The names the filter pickers and the parameter texts use."""
    return Names(
        owners=user_names(session, actor),
        stages={s.id: s.name for s in list_stages(session)},
        campaigns={c["id"]: c["name"] for c in list_campaigns(session, actor)},
        partners={p.id: p.name for p in list_partners(session, actor)},
        teams=team_names(session),
        pipelines={p.id: p.name for p in list_pipelines(session)},
    )


def _day(text: str | None) -> str:
    return date.fromisoformat(text).strftime("%-d %b %Y") if text else ""


def groups_by_period(kind: str) -> bool:
    """Whether a widget folds its figures into the chosen period (week, month, quarter)."""
    return kind in KINDS and "period" in KINDS[kind].fields


def params_in_words(params: Mapping[str, Any], names: Names, by_period: bool = True) -> str:
    """The date range and filters as a sentence fragment: '1 Jan 2026 – 31 Mar 2026 · Owner: Ann · by month'
    (the period only for a widget that groups its figures by period)."""
    start, end = _day(params.get("from")), _day(params.get("to"))
    parts = [
        f"{start} – {end}" if start and end else f"from {start}" if start else f"until {end}" if end else ""
    ]
    parts[0] = parts[0] or "All dates"
    for key, label, known in (
        ("owner_id", "Owner", names.owners),
        ("stage_id", "Stage", names.stages),
        ("campaign_id", "Campaign", names.campaigns),
        ("partner_id", "Partner", names.partners),
        ("pipeline_id", "Pipeline", names.pipelines),
    ):
        if params.get(key) is not None:
            parts.append(f"{label}: {known.get(int(params[key]), '#' + str(params[key]))}")
    if params.get("team"):
        parts.append(f"Team: {params['team']}")
    if by_period:
        parts.append(f"by {params.get('period') or 'month'}")
    return " · ".join(parts)


def list_link(kind: str, params: Mapping[str, Any]) -> str:
    """The list of the records behind a widget: for deal widgets exactly its deals (every parameter),
    for others narrowed as far as that list's address allows."""
    if kind in BEHIND or kind in LEAD_WIDGETS or kind in ITEM_WIDGETS:
        return behind_link(kind, params)
    route, fixed = LISTS[kind]
    if route is None:
        return ""
    query = {**fixed, **{k: params[k] for k in LIST_PARAMS.get(route, ()) if params.get(k) is not None}}
    return f"{route}?{urlencode(query)}" if query else route


def figure_json(figure: go.Figure) -> dict[str, Any]:
    """A figure as plain JSON, without the theme template (the page supplies light or dark)."""
    data = json.loads(figure.to_json())
    data.get("layout", {}).pop("template", None)
    return data


def _baseline(session: Session, actor: User, widget: Widget) -> dict[str, Any] | None:
    if widget.baseline_id is None:
        return None
    try:
        baseline = get_baseline(session, actor, widget.baseline_id)
    except DomainError:
        return None  # deleted since: the widget shows live data only
    return {
        "name": baseline.name,
        "rows": list(baseline.rows),
        "at": shown_time(baseline.created_at) if baseline.created_at else "",
    }


def widget_card(
    session: Session, actor: User, widget: Widget, names: Names, project_id: int | None = None
) -> dict[str, Any]:
    """Everything one card shows: live (or frozen) figure, headline, parameters in words, list link."""
    rows = widget_rows(session, actor, widget.kind, widget_params(in_project(widget.params, project_id)))
    frozen = _baseline(session, actor, widget)
    shown = bool(frozen and widget.show_baseline)
    live_total = widget_summary(widget.kind, rows)
    card: dict[str, Any] = {
        "id": widget.id,
        "kind": widget.kind,
        "title": widget.title,
        "link": list_link(widget.kind, in_project(widget.params, project_id)),
        "words": params_in_words(widget.params, names, groups_by_period(widget.kind)),
        "total": live_total,
        "baseline_id": str(widget.baseline_id or ""),
        "baseline_name": "",
        "baseline_total": "",
        "baseline_at": "",
        "frozen": shown,
    }
    labels = {"user_id": names.owners, "campaign_id": names.campaigns, "partner_id": names.partners}
    rows = label_rows(rows, labels)
    if frozen is None:
        card["figure"] = figure_json(widget_figure(widget.kind, rows, ""))  # the card shows the title
        return card
    frozen["rows"] = label_rows(frozen["rows"], labels)
    frozen_total = widget_summary(widget.kind, frozen["rows"])
    card.update(baseline_name=frozen["name"], baseline_at=frozen["at"], baseline_total=frozen_total)
    if shown:
        # The baseline is the displayed version: its figures up front, the live total beside them.
        card.update(total=frozen_total, baseline_total=f"Live — {live_total}")
        figure = widget_figure(widget.kind, frozen["rows"], f"Baseline '{frozen['name']}', {frozen['at']}")
    else:
        figure = widget_figure(widget.kind, rows, "", frozen["rows"], frozen["name"])
    card["figure"] = figure_json(figure)
    return card
