"""A record's results: its figures as labelled cards, three a row, notes and a chart (partners, campaigns)."""

from __future__ import annotations

from typing import Any

import reflex as rx

from rxcrm.ui.components.controls import note


def results_panel(
    results: Any, figure: Any, shortfall: Any, testid: str, *notes: rx.Component
) -> rx.Component:
    """The `results` rows (label, value, key) as cards, what was left out (`shortfall`), `notes`, the chart.

    Test ids: `<testid>-result-<key>` on each value, `<testid>-chart` on the chart.
    """
    cards = rx.grid(
        rx.foreach(
            results,
            lambda r: rx.card(
                rx.text(r["label"], size="1", color_scheme="gray"),
                rx.text(r["value"], size="4", weight="bold", data_testid=f"{testid}-result-" + r["key"]),
            ),
        ),
        columns="3",
        spacing="3",
        width="100%",
    )
    plot = rx.plotly.basic(data=figure, width="100%", height="260px")
    chart = rx.box(plot, width="100%", data_testid=f"{testid}-chart")
    return rx.vstack(cards, rx.cond(shortfall != "", note(shortfall)), *notes, chart, width="100%")
