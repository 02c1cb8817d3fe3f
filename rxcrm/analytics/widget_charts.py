"""Plotly figures of the dashboard widgets, drawn from their rows (no database access here).

The traces of each kind are in `widget_traces`; here: the axis labels, the empty state, the layout by
kind, a baseline drawn over the live data, and the one headline figure of each widget.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import plotly.graph_objects as go

from rxcrm.analytics.chart_style import house_figure
from rxcrm.analytics.widget_traces import GHOST, SERIES, TRACES, Rows, axis_label, num, overlay, target_x


def label_rows(rows: Rows, labels: Mapping[str, Mapping[int, str]]) -> Rows:
    """Rows with a display `label` (a person's, campaign's or partner's name) for the chart's axis.

    `labels` maps a row field (`user_id`, `campaign_id`, `partner_id`) to names by id; the rows
    themselves (and a baseline's frozen rows) stay as the API returns them.
    """
    out = []
    for row in rows:
        key = next((k for k in ("user_id", "campaign_id", "partner_id") if k in row), None)
        name = labels.get(key, {}).get(row[key]) if key else None
        out.append({**row, "label": name} if name else dict(row))
    return out


# What an empty widget says instead of drawing an empty axis.
EMPTY: dict[str, str] = {
    "pipeline_by_stage": "No open deals closing in this period",
    "funnel": "No deals created in this period",
    "revenue": "No won deals in this period",
    "won_by_person": "No won deals in this period",
    "activities": "No sales activities in this period",
    "targets": "No targets or won deals in this period",
    "leaderboard": "No won deals in this period",
    "forecast": "No open deals with a close date in this period",
    "lead_conversion": "No leads received in this period",
    "campaigns": "No campaign leads, won deals or costs in this period",
    "partners": "No partner deals in this period",
    "won_by_product": "No won deals with products in this period",
    "contracts": "No active term contracts",
    "open_invoices_by_due_week": "No sent, unpaid invoices due in this period",
    "overdue_by_account": "No overdue invoices",
    "paid_per_month": "No invoices paid in this period",
}
# The fields whose values all at zero make a widget empty (default: the drawn value of SERIES).
FILLED_BY = {"targets": ("target", "actual"), "campaigns": ("leads", "won_amount", "cost")}


def is_empty(kind: str, rows: Rows) -> bool:
    """Whether a widget has nothing to draw: no rows, or every drawn value at zero."""
    fields = FILLED_BY.get(kind, (SERIES[kind][1],))
    return not any(num(r.get(f)) for r in rows for f in fields)


def empty_figure(kind: str, title: str = "") -> go.Figure:
    """No axis, just words saying what is missing ('No partner deals in this period')."""
    return house_figure(
        [],
        title={"text": title, "font": {"size": 14}},
        xaxis={"visible": False},
        yaxis={"visible": False},
        annotations=[
            {
                "text": EMPTY[kind],
                "showarrow": False,
                "xref": "paper",
                "yref": "paper",
                "x": 0.5,
                "y": 0.5,
                "font": {"size": 14, "color": "#8e8c99"},
            }
        ],
    )


def widget_figure(
    kind: str, rows: Rows, title: str, baseline_rows: Rows | None = None, baseline_name: str | None = None
) -> go.Figure:
    """A widget's chart in the house style; a baseline's rows, when given, drawn over it under its name.

    A widget with nothing to draw (and no baseline) says so in words instead of drawing an empty axis.
    """
    if baseline_rows is None and is_empty(kind, rows):
        return empty_figure(kind, title)
    traces = list(TRACES[kind](rows))
    if baseline_rows is not None and kind not in ("activities", "targets"):
        traces += overlay(kind, baseline_rows, baseline_name or "Baseline")
    elif baseline_rows is not None:
        totals = _ghost_totals(kind, baseline_rows)
        traces.append(go.Bar(name=baseline_name or "Baseline", marker={"color": GHOST}, **totals))
    return house_figure(traces, **_widget_layout(kind, rows, title, baseline_rows is not None))


def _widget_layout(kind: str, rows: Rows, title: str, with_baseline: bool) -> dict[str, Any]:
    """The layout of a widget's chart beyond the house style, by kind."""
    layout: dict[str, Any] = {
        "title": {"text": title, "font": {"size": 14}},
        "barmode": "stack" if kind in ("activities", "open_invoices_by_due_week") else "group",
    }
    if kind == "lead_conversion":
        layout["yaxis2"] = {"overlaying": "y", "side": "right", "ticksuffix": " %", "rangemode": "tozero"}
    if kind in ("funnel", "leaderboard"):
        layout.update(barmode="overlay", showlegend=with_baseline)
        layout["yaxis"] = {"autorange": "reversed", "type": "category", "tickformat": ""}
        layout["xaxis"] = {"visible": kind != "funnel", "tickformat": ",.0f"}
    else:
        multi = kind == "targets" and len({r["period"] for r in rows}) > 1
        layout["xaxis"] = {"type": "multicategory" if multi else "category", **AXIS_TITLES.get(kind, {})}
    if kind in COUNTED and _top_count(kind, rows) <= WHOLE_TICKS_UP_TO:
        # a count axis of 0, 1, 1, 2, 2 reads wrong: one tick a unit
        layout["yaxis"] = {**layout.get("yaxis", {}), "tick0": 0, "dtick": 1}
    return layout


# The x axis says what its dates are where a bare date would not.
AXIS_TITLES = {"open_invoices_by_due_week": {"title": {"text": "Due week (starting Monday)"}}}
# Widgets whose left axis counts things (deals, activities, leads), and the field counted.
COUNTED = {"won_by_person": "count", "activities": "count", "lead_conversion": "leads"}
WHOLE_TICKS_UP_TO = 10


def _top_count(kind: str, rows: Rows) -> float:
    """The highest bar of a count axis (activities stack per user)."""
    if kind == "activities":
        return max(_ghost_totals(kind, rows)["y"], default=0)
    return max((num(r[COUNTED[kind]]) for r in rows), default=0)


def _ghost_totals(kind: str, rows: Rows) -> dict[str, Any]:
    """Activities per user / won amount per user and period of a baseline, as x and y of ghost bars."""
    if kind == "activities":
        totals: dict[str, float] = {}
        for r in rows:
            who = axis_label(r, "user_id")
            totals[who] = totals.get(who, 0.0) + num(r["count"])
        return {"x": list(totals), "y": list(totals.values())}
    return {"x": target_x(rows), "y": [num(r["actual"]) for r in rows]}


def widget_summary(kind: str, rows: Rows) -> str:
    """One headline figure of a widget (e.g. total revenue), or '' when a single number would mislead."""
    _, value, name = SERIES[kind]
    if kind == "lead_conversion":
        leads = sum(int(r["leads"]) for r in rows)
        qualified = sum(int(r["qualified"]) for r in rows)
        return f"{qualified} of {leads} leads qualified" if leads else ""
    if kind == "targets":
        target, actual = sum(num(r["target"]) for r in rows), sum(num(r["actual"]) for r in rows)
        return f"{actual / target:.0%} of target to date" if target else ""
    if kind == "funnel":
        return f"{rows[0]['count']} deals entered" if rows else ""
    if kind == "open_invoices_by_due_week":
        total, overdue = sum(num(r["amount"]) for r in rows), sum(num(r["overdue_amount"]) for r in rows)
        return f"Open: {total:,.2f} · overdue: {overdue:,.2f}"
    total = sum(num(r[value]) for r in rows)
    return f"{name}: {total:,.0f}" if value == "count" else f"{name}: {total:,.2f}"
