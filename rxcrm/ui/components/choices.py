"""A report page's choices (period, grouping, date range), each bound to one var of its state.

The state offers `choose(name, value)`: it sets the var and recomputes the report.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
import reflex as rx

from rxcrm.ui.components.controls import note


class ReportChoices(rx.State, mixin=True):
    """A report's choices, a received-from/to range among them (empty dates: no limit), its rows and chart."""

    date_from: str = ""
    date_to: str = ""
    rows: list[dict[str, str]] = []
    figure: go.Figure = go.Figure()

    def _choices(self) -> tuple[str, ...]:
        """The vars the page may choose."""
        return ("date_from", "date_to")

    @rx.event
    def choose(self, name: str, value: str):
        """Change one of the report's choices (grouping, period, range, filters) and recompute it."""
        if name in self._choices():
            setattr(self, name, value or "")
        return type(self).load


def choice_switch(state: Any, name: str, choices: list[tuple[str, str]], testid: str) -> rx.Component:
    """A segmented control over `choices` (value, label), showing and choosing `state.<name>`."""
    return rx.segmented_control.root(
        *(rx.segmented_control.item(label, value=value) for value, label in choices),
        value=getattr(state, name),
        on_change=lambda v: state.choose(name, v),
        data_testid=testid,
    )


def day_choice(state: Any, name: str, label: str, testid: str, **props: Any) -> rx.Component:
    """A date box showing and choosing `state.<name>`, its `label` before it."""
    return rx.hstack(
        note(label, size="2"),
        rx.input(
            type="date",
            value=getattr(state, name),
            on_change=lambda v: state.choose(name, v),
            **props,
            data_testid=testid,
        ),
        align="center",
        spacing="2",
    )
