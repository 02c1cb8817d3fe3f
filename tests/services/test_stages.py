"""Stage configuration: paged in board order, admin only, never deleted while in use."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from rxcrm.domain.errors import Conflict, Forbidden
from rxcrm.domain.pipeline.stages import DEFAULT_STAGES
from rxcrm.services.pipeline.stages import create_stage, delete_stage, stages_page
from rxcrm.services.records.listing import ListWindow
from tests.conftest import make_opportunity


def test_stages_page_follows_board_order(session: Session, admin) -> None:
    create_stage(session, admin, {"name": "Early", "position": -1})
    page = stages_page(session, window=ListWindow(limit=3))
    assert page.total == len(DEFAULT_STAGES) + 1
    assert [s.name for s in page.items] == ["Early", DEFAULT_STAGES[0].name, DEFAULT_STAGES[1].name]


def test_a_stage_in_use_cannot_be_deleted(session: Session, admin) -> None:
    deal = make_opportunity(session, admin)
    with pytest.raises(Conflict, match="1 opportunities"):
        delete_stage(session, admin, deal.stage_id)


def test_reps_cannot_configure_stages(session: Session, rep) -> None:
    with pytest.raises(Forbidden):
        create_stage(session, rep, {"name": "Mine"})
