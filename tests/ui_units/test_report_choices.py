"""The report pages' choices, one mixin for lead statistics and the forecast: a chosen var recounts."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.ui.leads.stats_state import ConversionState
from rxcrm.ui.pipeline.forecast import ForecastState
from tests.ui_units.logged_in import logged_in_state


@pytest.mark.usefixtures("app_database")
@pytest.mark.parametrize(("state", "name"), [(ConversionState, "period"), (ForecastState, "team_filter")])
def test_a_report_takes_its_own_choices_only_and_recounts(
    session: Session, admin: User, state: type, name: str
) -> None:
    page = logged_in_state(session, admin, state, "report")
    assert state.choose.fn(page, "date_from", "2031-01-01") == state.load
    assert state.choose.fn(page, name, "week") == state.load
    state.choose.fn(page, "token", "stolen")
    state.choose.fn(page, "date_to", None)
    assert (page.date_from, getattr(page, name), page.date_to) == ("2031-01-01", "week", "")
    assert page.token != "stolen"
    assert '["error"]' not in repr(state.load.fn(page))  # recounted with the choices, no refusal
