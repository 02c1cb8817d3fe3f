"""The traces of each dashboard widget's chart, drawn from its rows, and a baseline's overlay.

A baseline's frozen rows (same shape, money possibly as text) are drawn over the live data as a
dashed line or ghost bars named after the baseline (`overlay`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

import plotly.graph_objects as go

from rxcrm.analytics.chart_style import LOST_COLOUR, OPEN_COLOUR, WON_COLOUR

Rows = Sequence[dict[str, Any]]
GHOST = "rgba(128,128,128,0.35)"
BASELINE_LINE = {"color": "#6f6e77", "dash": "dash", "width": 2}
TARGET_COLOUR = "#8e8c99"
CATEGORY_COLOURS = ("#3e63dd", "#30a46c", "#f5a623", "#e5484d", "#8e4ec6", "#12a594", "#d6409f")


def num(value: Any) -> float:
    """Money or counts as the chart's floats (rows may carry Decimal or its text from a baseline)."""
    return float(Decimal(str(value))) if value not in (None, "") else 0.0


def axis_label(row: dict[str, Any], key: str) -> str:
    """A row's name on the axis: its label, stage, product or type, else e.g. 'User 3'."""
    names = {"user_id": "User", "partner_id": "Partner", "campaign_id": "Campaign"}
    named = (
        row.get("label") or row.get("stage") or row.get("product") or row.get("type") or row.get("account")
    )
    return str(named or f"{names.get(key, key)} {row.get(key)}")


def x_of(row: dict[str, Any], key: str) -> str:
    """Where a row stands on the x axis: its period or due week as is, else its name (`axis_label`)."""
    return str(row[key]) if key in ("period", "week") else axis_label(row, key)


def _bars(rows: Rows, key: str, value: str, name: str, colour: str) -> go.Bar:
    return go.Bar(
        name=name,
        x=[x_of(r, key) for r in rows],
        y=[num(r[value]) for r in rows],
        marker={"color": colour},
        hovertemplate=f"<b>%{{x}}</b><br>{name}: %{{y:,.2f}}<extra></extra>",
    )


def overlay(kind: str, baseline: Rows, name: str) -> list[Any]:
    """The baseline drawn the way its kind is: ghost bars, or a dashed line for lines and funnels."""
    key, value, _ = SERIES[kind]
    x = [x_of(r, key) for r in baseline]
    y = [num(r[value]) for r in baseline]
    hover = f"<b>%{{x}}</b><br>{name}: %{{y:,.2f}}<extra></extra>"
    if kind == "funnel":
        return [_funnel_bars(baseline, value, name, GHOST)]
    if kind == "leaderboard":
        return [go.Bar(name=name, orientation="h", x=y, y=x, marker={"color": GHOST}, hovertemplate=hover)]
    if kind in ("forecast", "lead_conversion", "open_invoices_by_due_week"):
        return [
            go.Scatter(name=name, x=x, y=y, mode="lines+markers", line=BASELINE_LINE, hovertemplate=hover)
        ]
    return [go.Bar(name=name, x=x, y=y, marker={"color": GHOST}, hovertemplate=hover)]


def _activities(rows: Rows) -> list[Any]:
    categories = sorted({r["category"] for r in rows}, key=[r["category"] for r in rows].index)
    users = sorted({r["user_id"] for r in rows})
    who = {r["user_id"]: axis_label(r, "user_id") for r in rows}
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


def target_x(rows: Rows) -> list[Any]:
    """Reps on the axis; rep and period (a two-level axis) when the rows span several periods."""
    who = [axis_label(r, "user_id") for r in rows]
    return who if len({r["period"] for r in rows}) <= 1 else [who, [r["period"] for r in rows]]


def _targets(rows: Rows) -> list[Any]:
    x = target_x(rows)
    target = _bars(rows, "period", "target", "Target to date", TARGET_COLOUR)
    actual = _bars(rows, "period", "actual", "Won", WON_COLOUR)
    target.x, actual.x = x, x
    return [target, actual]


def _funnel_bars(rows: Rows, value: str, name: str, colour: str) -> go.Bar:
    """A funnel drawn with centred horizontal bars (the small Plotly bundle has no funnel trace)."""
    counts = [num(r[value]) for r in rows]
    return go.Bar(
        name=name,
        orientation="h",
        y=[axis_label(r, "stage_id") for r in rows],
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
            y=[axis_label(r, "user_id") for r in rows],
            x=[num(r["amount"]) for r in rows],
            text=[f"#{r['rank']} · {num(r['amount']):,.0f}" for r in rows],
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
            x=[axis_label(r, "user_id") for r in rows],
            y=[int(r["count"]) for r in rows],
            customdata=[num(r["amount"]) for r in rows],
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
            y=[num(r["weighted_amount"]) for r in rows],
            mode="lines+markers",
            line={"color": OPEN_COLOUR, "width": 3},
            hovertemplate="<b>%{x}</b><br>Weighted: %{y:,.2f}<extra></extra>",
        )
    ]


def _due_weeks(rows: Rows) -> list[Any]:
    """Open amount per due week, stacked: the part overdue today, the part not yet due."""
    weeks = [x_of(r, "week") for r in rows]
    overdue = [num(r["overdue_amount"]) for r in rows]
    traces = []
    for name, values, colour in (
        ("Overdue", overdue, LOST_COLOUR),
        ("Not yet due", [num(r["amount"]) - o for r, o in zip(rows, overdue, strict=True)], OPEN_COLOUR),
    ):
        hover = f"<b>Due week %{{x}}</b><br>{name}: %{{y:,.2f}}<extra></extra>"
        traces.append(go.Bar(name=name, x=weeks, y=values, marker={"color": colour}, hovertemplate=hover))
    return traces


def _simple(kind: str) -> Callable[[Rows], list[Any]]:
    key, value, name = SERIES[kind]
    won = (
        "revenue",
        "won_by_person",
        "leaderboard",
        "partners",
        "won_by_product",
        "contracts",
        "paid_per_month",
    )
    colour = LOST_COLOUR if kind == "overdue_by_account" else WON_COLOUR if kind in won else OPEN_COLOUR
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
    "open_invoices_by_due_week": ("week", "amount", "Open"),
    "overdue_by_account": ("account_id", "amount", "Overdue"),
    "paid_per_month": ("period", "amount", "Paid"),
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
    "open_invoices_by_due_week": _due_weeks,
}
