"""The house style every chart shares: colours, font, layout and `house_figure` (no data here)."""

from __future__ import annotations

from typing import Any

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
