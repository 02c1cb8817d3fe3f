"""The states of the lead statistics tabs: intraday, statistics by group, conversion per period."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import reflex as rx
from sqlmodel import Session

from rxcrm.analytics.lead_charts import conversion_figure, group_figure, hourly_figure
from rxcrm.db.models import User
from rxcrm.domain.leads.stats import GROUP_LABELS, lead_stats_query
from rxcrm.services.leads.stats import intraday, lead_conversion, lead_statistics
from rxcrm.ui.actions import action
from rxcrm.ui.components.choices import ReportChoices
from rxcrm.ui.state import AppState


def _shown(row: dict) -> dict[str, str]:
    return {k: str(v) for k, v in row.items()}


class IntradayState(AppState):
    """Today's leads: per hour and source (figure only) and the counts by state."""

    day: str = ""
    states: dict[str, str] = {}
    figure: go.Figure = go.Figure()

    @rx.event
    @action
    def load(self, session: Session, user: User):
        """Count today's leads the user may see."""
        result = intraday(session, user)
        self.day = result["date"]
        self.states = {k: str(v) for k, v in result["states"].items()}
        self.figure = hourly_figure(pd.DataFrame(result["hours"], columns=["hour", "source", "leads"]))


class StatisticsState(ReportChoices, AppState):
    """Leads per source, campaign, status or owner over the chosen range."""

    group: str = "source"
    total: str = "0"

    @rx.event
    @action
    def load(self, session: Session, user: User):
        """Group the leads the user may see."""
        query = lead_stats_query(group=self.group, date_from=self.date_from, date_to=self.date_to)
        rows = lead_statistics(session, user, query)
        self.rows = [_shown(r) for r in rows]
        self.total = str(sum(r["leads"] for r in rows))
        self.figure = group_figure(pd.DataFrame(rows), GROUP_LABELS[self.group])

    def _choices(self) -> tuple[str, ...]:
        return ("group", "date_from", "date_to")


class ConversionState(ReportChoices, AppState):
    """Leads received and qualified per week or month, with the conversion rate."""

    period: str = "month"
    total: dict[str, str] = {}

    @rx.event
    @action
    def load(self, session: Session, user: User):
        """Compute the conversion of the leads the user may see."""
        query = lead_stats_query(period=self.period, date_from=self.date_from, date_to=self.date_to)
        result = lead_conversion(session, user, query)
        self.rows = [_shown(r) for r in result["rows"]]
        self.total = _shown(result["total"])
        self.figure = conversion_figure(pd.DataFrame(result["rows"]))

    def _choices(self) -> tuple[str, ...]:
        return ("period", "date_from", "date_to")
