"""A dashboard baseline's name is used once per widget: the second one is refused with a clear message."""

from __future__ import annotations

import pytest
import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import Baseline
from rxcrm.ui.dashboards.state import DashboardState
from tests.ui_units.test_board_state import _run, _token

pytestmark = pytest.mark.usefixtures("app_database")


def test_a_second_baseline_of_the_same_name_is_refused_with_a_message_and_not_stored(
    session: Session, rep
) -> None:
    root = rx.State(_reflex_internal_init=True)
    dashboard = root.get_substate(DashboardState.get_full_name().split(".")[1:])
    dashboard.token = _token(session, rep)
    _run(dashboard, DashboardState.open_global)
    revenue = next(c for c in dashboard.cards if c["kind"] == "revenue")["id"]
    _run(dashboard, DashboardState.open_baselines, revenue)
    _run(dashboard, DashboardState.create_baseline, {"name": "Pipeline Dec 5"})
    answer = _run(dashboard, DashboardState.create_baseline, {"name": "pipeline dec 5"})
    shown = str(answer.args)  # the error toast's call, with its text
    assert '["error"]' in shown
    assert "already exists for this widget" in shown or "already used by another baseline" in shown
    assert [b["name"] for b in dashboard.baseline_rows] == ["Pipeline Dec 5"]
    session.expire_all()
    assert len(session.query(Baseline).all()) == 1
