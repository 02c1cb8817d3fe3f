"""Plotly figures, each drawn from a metric's DataFrame (no database access here)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

OPEN_COLOUR = "#3e63dd"
WON_COLOUR = "#30a46c"
LOST_COLOUR = "#e5484d"
FONT = "Inter, system-ui, sans-serif"


HOUSE_LAYOUT: dict[str, Any] = {
    "bargap": 0.25,
    "height": 320,
    "margin": {"l": 60, "r": 20, "t": 40, "b": 40},
    "font": {"family": FONT, "size": 12},
    "legend": {"orientation": "h", "y": 1.12, "x": 0},
    "paper_bgcolor": "rgba(0,0,0,0)",
    "plot_bgcolor": "rgba(0,0,0,0)",
    "yaxis": {"gridcolor": "rgba(128,128,128,0.2)", "tickformat": ",.0f"},
    "hoverlabel": {"font": {"family": FONT}},
    # The page lays its light or dark theme over the figure (rx.plotly's template, or figure_json drops
    # it): an empty one here spares plotly a deep copy of its default theme per figure.
    "template": {},
}


def merged(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """`base` with `extra` laid over it; nested settings (yaxis title…) merge into the base ones."""
    out = dict(base)
    for key, value in extra.items():
        both = isinstance(value, dict) and isinstance(out.get(key), dict)
        out[key] = merged(out[key], value) if both else value
    return out


def house_figure(traces: list[Any], **layout: Any) -> go.Figure:
    """A figure in the style every dashboard chart shares: font, transparent background, light grid,
    legend on top, with `layout` merged in. Built in one step: plotly's update_layout costs ~10 ms a call."""
    return go.Figure(traces, layout=merged(HOUSE_LAYOUT, layout))


def _per_period(table: pd.DataFrame) -> pd.DataFrame:
    """Every group of a period added up, money as floats (the chart's resolution, never stored)."""
    money = ["weighted_amount", "won_amount", "lost_amount"]
    if table.empty:
        return pd.DataFrame(columns=["period", "open_count", *money])
    numbers = table.assign(**{column: table[column].map(float) for column in money})
    return numbers.groupby("period", as_index=False, sort=False)[["open_count", *money]].sum()


def _bar(name: str, periods: list[str], values: pd.Series, colour: str, group: str) -> go.Bar:
    return go.Bar(
        name=name,
        x=periods,
        y=values.tolist(),
        offsetgroup=group,
        marker={"color": colour},
        hovertemplate=f"<b>%{{x}}</b><br>{name}: %{{y:,.2f}}<extra></extra>",
    )


def forecast_figure(table: pd.DataFrame, currency: str = "") -> go.Figure:
    """Bars per period side by side: the weighted open pipeline (by expected close date), then won and
    lost deals (by the day they were closed) — won revenue is never stacked onto the forecast."""
    periods = _per_period(table)
    x = periods["period"].tolist()
    weighted = _bar("Weighted open", x, periods["weighted_amount"], OPEN_COLOUR, "pipeline")
    weighted.customdata = periods["open_count"].tolist()
    weighted.hovertemplate = (
        "<b>%{x}</b><br>Weighted open (expected to close): %{y:,.2f}<br>Open deals: %{customdata}"
        "<extra></extra>"
    )
    won = _bar("Won", x, periods["won_amount"], WON_COLOUR, "won")
    won.hovertemplate = "<b>%{x}</b><br>Won (closed in this period): %{y:,.2f}<extra></extra>"
    lost = _bar("Lost", x, periods["lost_amount"], LOST_COLOUR, "lost")
    lost.hovertemplate = "<b>%{x}</b><br>Lost (closed in this period): %{y:,.2f}<extra></extra>"
    return house_figure(
        [weighted, won, lost],
        barmode="group",
        height=360,
        margin={"t": 30},
        yaxis={"title": currency},
        xaxis={"type": "category"},
    )
