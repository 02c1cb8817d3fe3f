"""Forecast: the weighted open pipeline by month or quarter of the expected close date, per owner or team.

Won and lost deals are shown apart, in the period they were closed (they are revenue, not forecast).
"""

from __future__ import annotations

from decimal import Decimal

import reflex as rx
from reflex.vars import Var
from sqlmodel import Session

from rxcrm.analytics import forecast as forecasting
from rxcrm.analytics.forecast_chart import forecast_figure
from rxcrm.analytics.widget_queries import team_names
from rxcrm.db.models import User
from rxcrm.domain.pipeline.forecast import NO_TEAM, forecast_query
from rxcrm.domain.records.saved_filters import ME
from rxcrm.services.pipeline.stages import list_pipelines
from rxcrm.services.settings.exchange_rates import board_currency
from rxcrm.ui.actions import action
from rxcrm.ui.components.choices import ReportChoices, choice_switch, day_choice
from rxcrm.ui.components.controls import note, toolbar
from rxcrm.ui.components.conversion import NONE, options
from rxcrm.ui.components.forms import option_select
from rxcrm.ui.components.owner_filter import OwnerFilterable, owner_filter
from rxcrm.ui.layout import app_page
from rxcrm.ui.state import AppState

CHOICES = ("period", "group", "date_from", "date_to", "owner_filter", "team_filter", "pipeline_filter")
MONEY = ("open_amount", "weighted_amount", "won_amount", "lost_amount")
FORECAST_NOTE = (
    "Open deals count in the period of their expected close date; won and lost deals in the "
    "period they were closed."
)


def _shown(row: dict) -> dict[str, str]:
    """A forecast row as the table shows it: money with thousands separators."""
    return {k: f"{Decimal(v):,.2f}" if k in MONEY else str(v) for k, v in row.items()}


class ForecastState(ReportChoices, OwnerFilterable, AppState):
    """The forecast as asked for on the page: figure, rows and totals only (no deal lists)."""

    period: str = "month"
    group: str = "owner"
    team_filter: str = NONE
    team_options: list[dict[str, str]] = []
    pipeline_filter: str = NONE
    pipeline_options: list[dict[str, str]] = []
    currency: str = ""
    totals: dict[str, str] = {}

    @rx.event
    @action
    def load(self, session: Session, user: User):
        """Compute the forecast for the current choices, under the user's access."""
        team = None if self.team_filter == NONE else self.team_filter
        self._show_owner_filter(session, user)
        owner = {NONE: None, ME: user.id}.get(self.owner_filter, self.owner_filter)
        pipeline = None if self.pipeline_filter == NONE else self.pipeline_filter
        query = forecast_query(self.period, self.group, self.date_from, self.date_to, owner, team, pipeline)
        table = forecasting.forecast_table(session, user, query)
        self.currency = board_currency(session)
        teams = [(t, t) for t in team_names(session)]
        self.team_options = options([*teams, (NO_TEAM, NO_TEAM)], "All teams")
        self.pipeline_options = options([(p.id, p.name) for p in list_pipelines(session)], "All pipelines")
        self.rows = [_shown(r) for r in forecasting.forecast_rows(table)]
        self.totals = _shown(forecasting.forecast_totals(table))
        self.figure = forecast_figure(table, self.currency)

    def _choices(self) -> tuple[str, ...]:
        return CHOICES


def _select(name: str, items: Var, testid: str, label: str) -> rx.Component:
    return option_select(
        items,
        testid,
        aria_label=label,
        value=getattr(ForecastState, name),
        on_change=lambda v: ForecastState.choose(name, v),
    )


def _day(name: str, label: str, testid: str) -> rx.Component:
    return day_choice(ForecastState, name, label, testid, aria_label="Close date " + label.lower())


def controls() -> rx.Component:
    """Period and grouping switches, close-date range, owner, team and pipeline filters."""
    return toolbar(
        choice_switch(
            ForecastState, "period", [("month", "Month"), ("quarter", "Quarter")], "forecast-period"
        ),
        choice_switch(ForecastState, "group", [("owner", "Owner"), ("team", "Team")], "forecast-group"),
        _day("date_from", "From", "forecast-from"),
        _day("date_to", "to", "forecast-to"),
        owner_filter(ForecastState, "forecast-owner", "forecast-owner-filter", "choose"),
        _select("team_filter", ForecastState.team_options, "forecast-team", "Team"),
        rx.cond(
            ForecastState.pipeline_options.length() > 2,
            _select("pipeline_filter", ForecastState.pipeline_options, "forecast-pipeline", "Pipeline"),
        ),
        spacing="4",
    )


def _kpi(label: str, value: Var, testid: str, colour: str) -> rx.Component:
    return rx.card(
        note(label, size="2"),
        rx.hstack(
            rx.heading(value, size="7", color=rx.color(colour, 11), data_testid=testid),
            note(ForecastState.currency, size="2"),
            align="baseline",
            spacing="2",
        ),
        min_width="220px",
    )


def kpis() -> rx.Component:
    """The open / won / lost split over the whole forecast."""
    totals = ForecastState.totals
    return rx.hstack(
        _kpi("Open pipeline, weighted", totals["weighted_amount"], "forecast-total-weighted", "indigo"),
        _kpi("Won, by closing date", totals["won_amount"], "forecast-total-won", "grass"),
        _kpi("Lost, by closing date", totals["lost_amount"], "forecast-total-lost", "red"),
        rx.cond(
            totals["unconverted"] != "0",
            rx.callout(
                totals["unconverted"] + " deal(s) left out: their currency has no exchange rate.",
                icon="triangle-alert",
                color_scheme="amber",
                data_testid="forecast-unconverted",
            ),
        ),
        spacing="4",
        wrap="wrap",
    )


def _row(r: Var) -> rx.Component:
    return rx.table.row(
        rx.table.cell(r["period"]),
        rx.table.cell(r["group_label"]),
        rx.table.cell(r["open_count"], text_align="right"),
        rx.table.cell(r["open_amount"], text_align="right"),
        rx.table.cell(r["weighted_amount"], text_align="right", font_weight="bold"),
        rx.table.cell(r["won_amount"], text_align="right"),
        rx.table.cell(r["lost_amount"], text_align="right"),
        data_testid="forecast-row",
    )


def forecast_table() -> rx.Component:
    """Totals per period and group, with a total line."""
    totals = ForecastState.totals
    heads = ["Period", rx.cond(ForecastState.group == "team", "Team", "Owner"), "Open deals", "Open amount"]
    heads += ["Weighted", "Won (closed)", "Lost (closed)"]
    return rx.table.root(
        rx.table.header(rx.table.row(*(rx.table.column_header_cell(h) for h in heads))),
        rx.table.body(
            rx.foreach(ForecastState.rows, _row),
            rx.table.row(
                rx.table.row_header_cell("Total"),
                rx.table.cell(""),
                *(
                    rx.table.cell(totals[k], text_align="right", font_weight="bold")
                    for k in ("open_count", *MONEY)
                ),
            ),
        ),
        width="100%",
        variant="surface",
    )


def forecast_content() -> rx.Component:
    """Controls, split figures, chart and table."""
    return rx.vstack(
        controls(),
        kpis(),
        rx.box(
            rx.plotly.basic(data=ForecastState.figure, width="100%", height="360px"),
            width="100%",
            data_testid="forecast-chart",
        ),
        note(FORECAST_NOTE, size="2", data_testid="forecast-note"),
        forecast_table(),
        spacing="5",
        width="100%",
    )


forecast_page = app_page("Forecast", forecast_content)
ON_LOAD = [AppState.require_login, ForecastState.load]
