"""The lead statistics tabs: intraday, statistics by source/campaign/status/owner, and conversion."""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx
from reflex.vars import Var

from rxcrm.domain.leads.stats import GROUP_LABELS
from rxcrm.ui.components.choices import choice_switch, day_choice
from rxcrm.ui.components.controls import note
from rxcrm.ui.components.lists import heads_table
from rxcrm.ui.layout import app_page
from rxcrm.ui.leads.stats_state import ConversionState, IntradayState, StatisticsState
from rxcrm.ui.leads.tabs import lead_tabs
from rxcrm.ui.state import AppState

STATE_LABELS = (
    ("received", "Received"),
    ("open", "Open"),
    ("qualified", "Qualified"),
    ("disqualified", "Disqualified"),
    ("routed", "Routed by the splitter"),
    ("unprocessed", "Unprocessed"),
)


def _chart(figure: Var, testid: str) -> rx.Component:
    return rx.box(
        rx.plotly.basic(data=figure, width="100%", height="320px"), width="100%", data_testid=testid
    )


def _range(state: type, prefix: str) -> rx.Component:
    return rx.hstack(
        day_choice(state, "date_from", "Received from", f"{prefix}-from"),
        day_choice(state, "date_to", "to", f"{prefix}-to"),
        spacing="3",
        align="center",
    )


def _table(heads: list[str], rows: Var, cells: Callable[[Var], list], testid: str) -> rx.Component:
    row = lambda r: rx.table.row(*(rx.table.cell(c) for c in cells(r)), data_testid=testid)  # noqa: E731
    return heads_table(heads, rx.foreach(rows, row), width="100%", variant="surface")


def _kpi(label: str, key: str) -> rx.Component:
    return rx.card(
        note(label, size="2"),
        rx.heading(IntradayState.states[key], size="7", data_testid=f"intraday-{key}"),
        min_width="150px",
    )


def intraday_content() -> rx.Component:
    """Today's leads by state, and per hour and source."""
    return rx.vstack(
        lead_tabs("intraday"),
        note("Leads received today (", IntradayState.day, ", UTC)", size="2"),
        rx.hstack(*(_kpi(label, key) for key, label in STATE_LABELS), spacing="3", wrap="wrap"),
        _chart(IntradayState.figure, "intraday-chart"),
        spacing="4",
        width="100%",
    )


def _grouped_tab(
    tab: str, state: type, switch: rx.Component, summary: rx.Component, columns: list[tuple[str, str]]
) -> rx.Component:
    """A statistics tab: tabs, switch + range + summary, the chart, then a table of `columns`."""
    return rx.vstack(
        lead_tabs(tab),
        rx.hstack(switch, _range(state, tab), summary, spacing="4", align="center", wrap="wrap"),
        _chart(state.figure, f"{tab}-chart"),
        _table(
            [head for head, _ in columns],
            state.rows,
            lambda r: [r[key] for _, key in columns],
            f"{tab}-row",
        ),
        spacing="4",
        width="100%",
    )


def statistics_content() -> rx.Component:
    """Leads per group over a chosen range, as a chart and a table."""
    s = StatisticsState
    return _grouped_tab(
        "statistics",
        s,
        choice_switch(s, "group", list(GROUP_LABELS.items()), "statistics-group"),
        rx.text("Leads: ", rx.text.strong(s.total, data_testid="statistics-total"), size="2"),
        [("Group", "label"), ("Leads", "leads"), ("Open", "open"), ("Qualified", "qualified")]
        + [("Disqualified", "disqualified"), ("Conversion %", "rate")],
    )


def conversion_content() -> rx.Component:
    """Leads received and qualified per week or month, with the rate (by the period a lead arrived in)."""
    s = ConversionState
    return _grouped_tab(
        "conversion",
        s,
        choice_switch(s, "period", [("week", "Week"), ("month", "Month")], "conversion-period"),
        rx.text(
            "Overall: ",
            rx.text.strong(s.total["rate"], " %", data_testid="conversion-total-rate"),
            " (",
            s.total["qualified"],
            " of ",
            s.total["leads"],
            " leads received in the range are qualified)",
            size="2",
        ),
        [
            ("Period received", "period"),
            ("Leads", "leads"),
            ("Qualified", "qualified"),
            ("Conversion %", "rate"),
        ],
    )


intraday_page = app_page("Leads · intraday", intraday_content)
statistics_page = app_page("Lead statistics", statistics_content)
conversion_page = app_page("Lead conversion", conversion_content)
INTRADAY_ON_LOAD = [AppState.require_login, IntradayState.load]
STATISTICS_ON_LOAD = [AppState.require_login, StatisticsState.load]
CONVERSION_ON_LOAD = [AppState.require_login, ConversionState.load]
