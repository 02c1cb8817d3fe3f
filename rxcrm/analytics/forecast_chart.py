"""The /forecast page's figure, drawn from its table (see `forecast.forecast_table`; no database here)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import plotly.graph_objects as go

from rxcrm.analytics.chart_style import LOST_COLOUR, OPEN_COLOUR, WON_COLOUR, house_figure

CHARTED = ("weighted_amount", "won_amount", "lost_amount")


def _per_period(table: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Every group of a period added up, in the table's period order."""
    periods: dict[str, dict[str, Any]] = {}
    for row in table:
        sums = periods.setdefault(row["period"], {"open_count": 0, **{c: Decimal(0) for c in CHARTED}})
        sums["open_count"] += row["open_count"]
        for column in CHARTED:
            sums[column] += row[column]
    return periods


def _bar(name: str, periods: dict[str, dict[str, Any]], column: str, colour: str, group: str) -> go.Bar:
    """One series of bars; money as floats (the chart's resolution, never stored)."""
    return go.Bar(
        name=name,
        x=list(periods),
        y=[float(sums[column]) for sums in periods.values()],
        offsetgroup=group,
        marker={"color": colour},
        hovertemplate=f"<b>%{{x}}</b><br>{name}: %{{y:,.2f}}<extra></extra>",
    )


def forecast_figure(table: list[dict[str, Any]], currency: str = "") -> go.Figure:
    """Bars per period side by side: the weighted open pipeline (by expected close date), then won and
    lost deals (by the day they were closed) — won revenue is never stacked onto the forecast."""
    periods = _per_period(table)
    weighted = _bar("Weighted open", periods, "weighted_amount", OPEN_COLOUR, "pipeline")
    weighted.customdata = [sums["open_count"] for sums in periods.values()]
    weighted.hovertemplate = (
        "<b>%{x}</b><br>Weighted open (expected to close): %{y:,.2f}<br>Open deals: %{customdata}"
        "<extra></extra>"
    )
    won = _bar("Won", periods, "won_amount", WON_COLOUR, "won")
    won.hovertemplate = "<b>%{x}</b><br>Won (closed in this period): %{y:,.2f}<extra></extra>"
    lost = _bar("Lost", periods, "lost_amount", LOST_COLOUR, "lost")
    lost.hovertemplate = "<b>%{x}</b><br>Lost (closed in this period): %{y:,.2f}<extra></extra>"
    return house_figure(
        [weighted, won, lost],
        barmode="group",
        height=360,
        margin={"t": 30},
        yaxis={"title": currency},
        xaxis={"type": "category"},
    )
