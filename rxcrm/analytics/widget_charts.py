"""Plotly figures of the dashboard widgets, drawn from their rows (no database access here).

A baseline's frozen rows (same shape, money possibly as text) are drawn over the live data as a
dashed line or ghost bars named after the baseline.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import plotly.graph_objects as go

from rxcrm.analytics.chart_style import LOST_COLOUR, OPEN_COLOUR, WON_COLOUR, house_figure

Rows = Sequence[dict[str, Any]]
GHOST = "rgba(128,128,128,0.35)"
BASELINE_LINE = {"color": "#6f6e77", "dash": "dash", "width": 2}
TARGET_COLOUR = "#8e8c99"
CATEGORY_COLOURS = ("#3e63dd", "#30a46c", "#f5a623", "#e5484d", "#8e4ec6", "#12a594", "#d6409f")


def _num(value: Any) -> float:
    """Money or counts as the chart's floats (rows may carry Decimal or its text from a baseline)."""
    return float(Decimal(str(value))) if value not in (None, "") else 0.0


def _label(row: dict[str, Any], key: str) -> str:
    names = {"user_id": "User", "partner_id": "Partner", "campaign_id": "Campaign"}
    named = row.get("label") or row.get("stage") or row.get("product") or row.get("type")
    return str(named or f"{names.get(key, key)} {row.get(key)}")


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


def _bars(rows: Rows, key: str, value: str, name: str, colour: str) -> go.Bar:
    return go.Bar(
        name=name,
        x=[_label(r, key) if key != "period" else r["period"] for r in rows],
        y=[_num(r[value]) for r in rows],
        marker={"color": colour},
        hovertemplate=f"<b>%{{x}}</b><br>{name}: %{{y:,.2f}}<extra></extra>",
    )


def _overlay(kind: str, baseline: Rows, name: str) -> list[Any]:
    """The baseline drawn the way its kind is: ghost bars, or a dashed line for lines and funnels."""
    key, value, _ = SERIES[kind]
    x = [_label(r, key) if key != "period" else r["period"] for r in baseline]
    y = [_num(r[value]) for r in baseline]
    hover = f"<b>%{{x}}</b><br>{name}: %{{y:,.2f}}<extra></extra>"
    if kind == "funnel":
        return [_funnel_bars(baseline, value, name, GHOST)]
    if kind == "leaderboard":
        return [go.Bar(name=name, orientation="h", x=y, y=x, marker={"color": GHOST}, hovertemplate=hover)]
    if kind in ("forecast", "lead_conversion"):
        return [
            go.Scatter(name=name, x=x, y=y, mode="lines+markers", line=BASELINE_LINE, hovertemplate=hover)
        ]
    return [go.Bar(name=name, x=x, y=y, marker={"color": GHOST}, hovertemplate=hover)]


def _activities(rows: Rows) -> list[Any]:
    categories = sorted({r["category"] for r in rows}, key=[r["category"] for r in rows].index)
    users = sorted({r["user_id"] for r in rows})
    who = {r["user_id"]: _label(r, "user_id") for r in rows}
    traces = []
    for index, category in enumerate(categories):
        counts = {r["user_id"]: r["count"] for r in rows if r["category"] == category}
        traces.append(
            go.Bar(
                name=category,
                x=[who[u] for u in users],
                y=[counts.get(u, 0) for u in users],
                marker={"color": CATEGORY_COLOURS[index % len(CATEGORY_COLOURS)]},
                hovertemplate=f"<b>%{{x}}</b><br>{category}: %{{y}}<extra></extra>",
            )
        )
    return traces


def _target_x(rows: Rows) -> list[Any]:
    """Reps on the axis; rep and period (a two-level axis) when the rows span several periods."""
    who = [_label(r, "user_id") for r in rows]
    return who if len({r["period"] for r in rows}) <= 1 else [who, [r["period"] for r in rows]]


def _targets(rows: Rows) -> list[Any]:
    x = _target_x(rows)
    target = _bars(rows, "period", "target", "Target to date", TARGET_COLOUR)
    actual = _bars(rows, "period", "actual", "Won", WON_COLOUR)
    target.x, actual.x = x, x
    return [target, actual]


def _funnel_bars(rows: Rows, value: str, name: str, colour: str) -> go.Bar:
    """A funnel drawn with centred horizontal bars (the small Plotly bundle has no funnel trace)."""
    counts = [_num(r[value]) for r in rows]
    return go.Bar(
        name=name,
        orientation="h",
        y=[_label(r, "stage_id") for r in rows],
        x=counts,
        base=[-c / 2 for c in counts],
        text=[f"{c:,.0f}" for c in counts],
        textposition="inside",
        insidetextanchor="middle",
        marker={"color": colour},
        hovertemplate=f"<b>%{{y}}</b><br>{name}: %{{text}}<extra></extra>",
    )


def _funnel(rows: Rows) -> list[Any]:
    return [_funnel_bars(rows, "count", "Deals", OPEN_COLOUR)]


def _leaderboard(rows: Rows) -> list[Any]:
    """Owners ranked top-down as horizontal bars, the rank and amount written on each."""
    return [
        go.Bar(
            name="Won amount",
            orientation="h",
            y=[_label(r, "user_id") for r in rows],
            x=[_num(r["amount"]) for r in rows],
            text=[f"#{r['rank']} · {_num(r['amount']):,.0f}" for r in rows],
            textposition="auto",
            marker={"color": WON_COLOUR},
            hovertemplate="<b>%{y}</b><br>Won amount: %{x:,.2f}<extra></extra>",
        )
    ]


def _won_by_person(rows: Rows) -> list[Any]:
    """Deals won per person (the count), the amount in the hover."""
    return [
        go.Bar(
            name="Deals won",
            x=[_label(r, "user_id") for r in rows],
            y=[int(r["count"]) for r in rows],
            customdata=[_num(r["amount"]) for r in rows],
            marker={"color": WON_COLOUR},
            hovertemplate="<b>%{x}</b><br>Deals won: %{y}<br>Amount: %{customdata:,.2f}<extra></extra>",
        )
    ]


def _lead_conversion(rows: Rows) -> list[Any]:
    leads = _bars(rows, "period", "leads", "Leads", OPEN_COLOUR)
    qualified = _bars(rows, "period", "qualified", "Qualified", WON_COLOUR)
    rate = go.Scatter(
        name="Rate %",
        x=[r["period"] for r in rows],
        y=[r["rate"] for r in rows],
        yaxis="y2",
        mode="lines+markers",
        line={"color": LOST_COLOUR},
        hovertemplate="<b>%{x}</b><br>Rate: %{y:.1f} %<extra></extra>",
    )
    return [leads, qualified, rate]


def _campaigns(rows: Rows) -> list[Any]:
    return [
        _bars(rows, "campaign_id", "won_amount", "Won", WON_COLOUR),
        _bars(rows, "campaign_id", "cost", "Cost", LOST_COLOUR),
    ]


def _forecast(rows: Rows) -> list[Any]:
    return [
        go.Scatter(
            name="Weighted forecast",
            x=[r["period"] for r in rows],
            y=[_num(r["weighted_amount"]) for r in rows],
            mode="lines+markers",
            line={"color": OPEN_COLOUR, "width": 3},
            hovertemplate="<b>%{x}</b><br>Weighted: %{y:,.2f}<extra></extra>",
        )
    ]


def _simple(kind: str) -> Callable[[Rows], list[Any]]:
    key, value, name = SERIES[kind]
    won = ("revenue", "won_by_person", "leaderboard", "partners", "won_by_product", "contracts")
    colour = WON_COLOUR if kind in won else OPEN_COLOUR
    return lambda rows: [_bars(rows, key, value, name, colour)]


# kind -> (x key, value drawn and overlaid, series name)
SERIES: dict[str, tuple[str, str, str]] = {
    "pipeline_by_stage": ("stage_id", "amount", "Open amount"),
    "funnel": ("stage_id", "count", "Deals"),
    "revenue": ("period", "amount", "Won revenue"),
    "won_by_person": ("user_id", "count", "Deals won"),
    "activities": ("user_id", "count", "Activities"),
    "targets": ("period", "actual", "Won"),
    "leaderboard": ("user_id", "amount", "Won amount"),
    "forecast": ("period", "weighted_amount", "Weighted forecast"),
    "lead_conversion": ("period", "leads", "Leads"),
    "campaigns": ("campaign_id", "won_amount", "Won"),
    "partners": ("partner_id", "amount", "Won amount"),
    "won_by_product": ("product_id", "amount", "Won amount"),
    "contracts": ("type", "mrr", "Monthly recurring revenue"),
}
TRACES: dict[str, Callable[[Rows], list[Any]]] = {
    **{kind: _simple(kind) for kind in SERIES},
    "activities": _activities,
    "targets": _targets,
    "funnel": _funnel,
    "leaderboard": _leaderboard,
    "won_by_person": _won_by_person,
    "lead_conversion": _lead_conversion,
    "campaigns": _campaigns,
    "forecast": _forecast,
}


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
}
# The fields whose values all at zero make a widget empty (default: the drawn value of SERIES).
FILLED_BY = {"targets": ("target", "actual"), "campaigns": ("leads", "won_amount", "cost")}


def is_empty(kind: str, rows: Rows) -> bool:
    """Whether a widget has nothing to draw: no rows, or every drawn value at zero."""
    fields = FILLED_BY.get(kind, (SERIES[kind][1],))
    return not any(_num(r.get(f)) for r in rows for f in fields)


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
        traces += _overlay(kind, baseline_rows, baseline_name or "Baseline")
    elif baseline_rows is not None:
        totals = _ghost_totals(kind, baseline_rows)
        traces.append(go.Bar(name=baseline_name or "Baseline", marker={"color": GHOST}, **totals))
    return house_figure(traces, **_widget_layout(kind, rows, title, baseline_rows is not None))


def _widget_layout(kind: str, rows: Rows, title: str, with_baseline: bool) -> dict[str, Any]:
    """The layout of a widget's chart beyond the house style, by kind."""
    layout: dict[str, Any] = {
        "title": {"text": title, "font": {"size": 14}},
        "barmode": "stack" if kind == "activities" else "group",
    }
    if kind == "lead_conversion":
        layout["yaxis2"] = {"overlaying": "y", "side": "right", "ticksuffix": " %", "rangemode": "tozero"}
    if kind in ("funnel", "leaderboard"):
        layout.update(barmode="overlay", showlegend=with_baseline)
        layout["yaxis"] = {"autorange": "reversed", "type": "category", "tickformat": ""}
        layout["xaxis"] = {"visible": kind != "funnel", "tickformat": ",.0f"}
    else:
        multi = kind == "targets" and len({r["period"] for r in rows}) > 1
        layout["xaxis"] = {"type": "multicategory" if multi else "category"}
    if kind in COUNTED and _top_count(kind, rows) <= WHOLE_TICKS_UP_TO:
        # a count axis of 0, 1, 1, 2, 2 reads wrong: one tick a unit
        layout["yaxis"] = {**layout.get("yaxis", {}), "tick0": 0, "dtick": 1}
    return layout


# Widgets whose left axis counts things (deals, activities, leads), and the field counted.
COUNTED = {"won_by_person": "count", "activities": "count", "lead_conversion": "leads"}
WHOLE_TICKS_UP_TO = 10


def _top_count(kind: str, rows: Rows) -> float:
    """The highest bar of a count axis (activities stack per user)."""
    if kind == "activities":
        return max(_ghost_totals(kind, rows)["y"], default=0)
    return max((_num(r[COUNTED[kind]]) for r in rows), default=0)


def _ghost_totals(kind: str, rows: Rows) -> dict[str, Any]:
    """Activities per user / won amount per user and period of a baseline, as x and y of ghost bars."""
    if kind == "activities":
        totals: dict[str, float] = {}
        for r in rows:
            who = _label(r, "user_id")
            totals[who] = totals.get(who, 0.0) + _num(r["count"])
        return {"x": list(totals), "y": list(totals.values())}
    return {"x": _target_x(rows), "y": [_num(r["actual"]) for r in rows]}


def widget_summary(kind: str, rows: Rows) -> str:
    """One headline figure of a widget (e.g. total revenue), or '' when a single number would mislead."""
    _, value, name = SERIES[kind]
    if kind == "lead_conversion":
        leads = sum(int(r["leads"]) for r in rows)
        qualified = sum(int(r["qualified"]) for r in rows)
        return f"{qualified} of {leads} leads qualified" if leads else ""
    if kind == "targets":
        target, actual = sum(_num(r["target"]) for r in rows), sum(_num(r["actual"]) for r in rows)
        return f"{actual / target:.0%} of target to date" if target else ""
    if kind == "funnel":
        return f"{rows[0]['count']} deals entered" if rows else ""
    total = sum(_num(r[value]) for r in rows)
    return f"{name}: {total:,.0f}" if value == "count" else f"{name}: {total:,.2f}"
