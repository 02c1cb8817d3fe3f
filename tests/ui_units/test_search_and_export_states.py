"""The top bar's search is bounded in the state; list exports are written off the event loop."""

from __future__ import annotations

import pytest
import reflex as rx
from sqlmodel import Session

from rxcrm.services.records.search import MAX_QUERY
from rxcrm.ui.leads import export_state as lead_export_state
from rxcrm.ui.leads.list_state import FreePoolState, LeadsState
from rxcrm.ui.pipeline import opportunities
from rxcrm.ui.pipeline.opportunities import OpportunitiesState
from rxcrm.ui.state import AppState
from tests.conftest import make_lead, make_opportunity
from tests.ui_units.test_board_state import _token

pytestmark = pytest.mark.usefixtures("app_database")


def test_the_global_search_keeps_at_most_200_characters(session: Session, rep) -> None:
    state = rx.State(_reflex_internal_init=True).get_substate(AppState.get_full_name().split(".")[1:])
    state.token = _token(session, rep)
    AppState.event_handlers["search"].fn(state, "polaris " * 100)
    assert MAX_QUERY == 200 and len(state.search_query) == MAX_QUERY


def test_list_exports_run_as_background_events() -> None:
    assert OpportunitiesState.event_handlers["export"].is_background
    for state in (LeadsState, FreePoolState):
        assert state.event_handlers["export_csv"].is_background
        assert state.event_handlers["export_xlsx"].is_background


def test_the_export_workers_write_the_files_as_the_logged_in_user(session: Session, rep) -> None:
    make_lead(session, owner_id=rep.id, name="Ola Export")
    make_opportunity(session, rep, name="Export deal")
    token = _token(session, rep)
    assert "Ola Export" in lead_export_state._write(token, {}, None, "csv")
    assert lead_export_state._write(token, {}, None, "xlsx")[:2] == b"PK"
    assert "Export deal" in opportunities._export(token, {}, None)
