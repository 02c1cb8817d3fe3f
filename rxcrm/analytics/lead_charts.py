"""Plotly figures of the lead statistics, each drawn from a small DataFrame of grouped counts."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from rxcrm.analytics.chart_style import OPEN_COLOUR, WON_COLOUR, house_figure, merged

HOURS = list(range(24))


LEAD_LAYOUT = {"margin": {"l": 50, "t": 30}, "legend": {"y": 1.15}, "yaxis": {"rangemode": "tozero"}}


def _figure(traces: list[Any], **extra: Any) -> go.Figure:
    return house_figure(traces, **merged(LEAD_LAYOUT, extra))


def hourly_figure(hours: pd.DataFrame) -> go.Figure:
    """Leads received per hour of the day, stacked by source (columns hour, source, leads)."""
    bars = []
    for source, part in hours.groupby("source", sort=True) if not hours.empty else []:
        per_hour = part.set_index("hour")["leads"].reindex(HOURS, fill_value=0)
        bars.append(go.Bar(name=str(source), x=HOURS, y=per_hour.tolist()))
    return _figure(bars, barmode="stack", xaxis={"title": "Hour of the day", "dtick": 1})


def _column(rows: pd.DataFrame, name: str) -> list[Any]:
    return rows[name].tolist() if name in rows else []


def _counts(rows: pd.DataFrame, x: list[Any]) -> list[go.Bar]:
    return [
        go.Bar(name="Leads", x=x, y=_column(rows, "leads"), marker={"color": OPEN_COLOUR}),
        go.Bar(name="Qualified", x=x, y=_column(rows, "qualified"), marker={"color": WON_COLOUR}),
    ]


def group_figure(rows: pd.DataFrame, title: str) -> go.Figure:
    """Leads per group, qualified ones beside them (columns label, leads, qualified)."""
    return _figure(
        _counts(rows, _column(rows, "label")), barmode="group", xaxis={"type": "category", "title": title}
    )


def conversion_figure(rows: pd.DataFrame) -> go.Figure:
    """Leads and qualified leads per period as bars, the conversion rate as a line on a % axis."""
    periods = _column(rows, "period")
    rate = go.Scatter(name="Rate %", x=periods, y=_column(rows, "rate"), yaxis="y2", mode="lines+markers")
    return _figure(
        [*_counts(rows, periods), rate],
        barmode="group",
        xaxis={"type": "category"},
        yaxis2={"overlaying": "y", "side": "right", "range": [0, 100], "title": "%", "showgrid": False},
    )
