"""A record's results: its figures as labelled cards, three a row, notes and a chart (partners, campaigns)."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
import reflex as rx

from rxcrm.ui.components.controls import note


class RecordResults(rx.State, mixin=True):
    """A record's results as its page shows them: the figures, a note on what was left out, the chart."""

    results: list[dict[str, str]] = []
    results_note: str = ""
    figure: go.Figure = go.Figure()


def results_panel(state: Any, testid: str, *notes: rx.Component) -> rx.Component:
    """A RecordResults state's rows (label, value, key) as cards, its `results_note`, `notes`, the chart.

    Test ids: `<testid>-result-<key>` on each value, `<testid>-chart` on the chart.
    """
    cards = rx.grid(
        rx.foreach(
            state.results,
            lambda r: rx.card(
                rx.text(r["label"], size="1", color_scheme="gray"),
                rx.text(r["value"], size="4", weight="bold", data_testid=f"{testid}-result-" + r["key"]),
            ),
        ),
        columns="3",
        spacing="3",
        width="100%",
    )
    plot = rx.plotly.basic(data=state.figure, width="100%", height="260px")
    chart = rx.box(plot, width="100%", data_testid=f"{testid}-chart")
    shortfall = rx.cond(state.results_note != "", note(state.results_note))
    return rx.vstack(cards, shortfall, *notes, chart, width="100%")
