"""Several pipelines: created with stages, renamed, ordered, one default, deleted only when unused."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from rxcrm.db.models import Stage
from rxcrm.domain.errors import Conflict, Forbidden, ValidationFailed
from rxcrm.services.pipeline.board import board_stages
from rxcrm.services.pipeline.moves import mark_won, move_opportunity
from rxcrm.services.pipeline.opportunities import OpportunityFilter, list_opportunities
from rxcrm.services.pipeline.pipelines import (
    create_pipeline,
    delete_pipeline,
    pipeline_rows,
    update_pipeline,
)
from rxcrm.services.pipeline.stages import (
    default_pipeline,
    delete_stage,
    list_pipelines,
    list_stages,
    update_stage,
)
from rxcrm.services.records.history import history_of
from tests.conftest import make_opportunity

RENEWALS = {
    "name": "Renewals",
    "stages": [
        {"name": "Due", "kind": "open", "probability": 50, "color": "#123abc"},
        {"name": "Renewed", "kind": "won", "probability": 100, "color": "#30a46c"},
        {"name": "Churned", "kind": "lost", "probability": 0, "color": "#e5484d"},
    ],
}


def test_an_admin_creates_a_pipeline_with_its_stages_at_the_end(session: Session, admin) -> None:
    first = default_pipeline(session)
    renewals = create_pipeline(session, admin, RENEWALS)
    assert [p.name for p in list_pipelines(session)] == [first.name, "Renewals"]
    stages = list_stages(session, renewals.id)
    assert [(s.name, s.kind, s.probability, s.position) for s in stages] == [
        ("Due", "open", 50, 0),
        ("Renewed", "won", 100, 1),
        ("Churned", "lost", 0, 2),
    ]
    assert default_pipeline(session).id == first.id and not renewals.is_default


def test_a_pipeline_without_a_lost_stage_or_with_a_taken_name_writes_nothing(session: Session, admin) -> None:
    before = len(session.exec(Stage.__table__.select()).all())
    with pytest.raises(ValidationFailed):
        create_pipeline(session, admin, {"name": "Half", "stages": RENEWALS["stages"][:2]})
    create_pipeline(session, admin, RENEWALS)
    with pytest.raises(Conflict, match="already exists"):
        create_pipeline(session, admin, {**RENEWALS, "name": " renewals "})
    assert len(session.exec(Stage.__table__.select()).all()) == before + 3


def test_reps_cannot_configure_pipelines(session: Session, rep) -> None:
    with pytest.raises(Forbidden):
        create_pipeline(session, rep, RENEWALS)
    with pytest.raises(Forbidden):
        update_pipeline(session, rep, default_pipeline(session).id, {"name": "Mine"})


def test_the_default_is_unique_and_moves_with_the_admin_choice(session: Session, admin) -> None:
    first = default_pipeline(session)
    renewals = create_pipeline(session, admin, RENEWALS)
    update_pipeline(session, admin, renewals.id, {"default": True})
    assert [p.is_default for p in list_pipelines(session)] == [False, True]
    assert default_pipeline(session).id == renewals.id
    assert [s.name for s in board_stages(session)] == ["Due", "Renewed", "Churned"]
    with pytest.raises(ValidationFailed):
        update_pipeline(session, admin, renewals.id, {"default": False})
    assert default_pipeline(session).id == renewals.id != first.id


def test_renaming_and_reordering_keeps_positions_in_a_row(session: Session, admin) -> None:
    first = default_pipeline(session)
    renewals = create_pipeline(session, admin, RENEWALS)
    update_pipeline(session, admin, renewals.id, {"name": "Upsell", "position": 0})
    assert [(p.name, p.position) for p in list_pipelines(session)] == [("Upsell", 0), (first.name, 1)]
    with pytest.raises(Conflict):
        update_pipeline(session, admin, renewals.id, {"name": first.name})


def test_a_pipeline_with_deals_cannot_be_deleted_and_names_how_many(session: Session, admin) -> None:
    renewals = create_pipeline(session, admin, RENEWALS)
    due = list_stages(session, renewals.id)[0]
    make_opportunity(session, admin, stage_id=due.id)
    make_opportunity(session, admin, stage_id=due.id)
    with pytest.raises(Conflict, match="2 deals stand in 'Renewals'"):
        delete_pipeline(session, admin, renewals.id)
    rows = {r.name: r for r in pipeline_rows(session, admin)}
    assert (rows["Renewals"].deals, rows["Renewals"].stages) == (2, 3)


def test_the_last_pipeline_cannot_be_deleted(session: Session, admin) -> None:
    with pytest.raises(Conflict, match="only pipeline"):
        delete_pipeline(session, admin, default_pipeline(session).id)


def test_deleting_the_default_makes_the_first_left_the_default(session: Session, admin) -> None:
    first = default_pipeline(session)
    renewals = create_pipeline(session, admin, RENEWALS)
    update_pipeline(session, admin, renewals.id, {"default": True})
    delete_pipeline(session, admin, renewals.id)
    assert [(p.id, p.is_default) for p in list_pipelines(session)] == [(first.id, True)]
    assert list_stages(session, renewals.id) == []


def test_the_last_won_stage_of_a_pipeline_cannot_go(session: Session, admin) -> None:
    renewals = create_pipeline(session, admin, RENEWALS)
    due, renewed, _ = list_stages(session, renewals.id)
    with pytest.raises(Conflict, match="needs a won stage"):
        delete_stage(session, admin, renewed.id)
    with pytest.raises(Conflict, match="needs an open stage"):
        update_stage(session, admin, due.id, {"kind": "won"})


def test_a_deal_moves_to_another_pipelines_stage_with_its_probability_and_history(
    session: Session, admin
) -> None:
    deal = make_opportunity(session, admin)
    renewals = create_pipeline(session, admin, RENEWALS)
    due = list_stages(session, renewals.id)[0]
    move_opportunity(session, admin, deal.id, due.id)
    assert (deal.stage_id, deal.probability, deal.status) == (due.id, 50, "open")
    moves = [c for c in history_of(session, "opportunity", deal.id) if c["field"] == "stage_id"]
    assert moves and moves[0]["new"] == str(due.id)
    mine = list_opportunities(session, admin, OpportunityFilter(pipeline_id=renewals.id))
    assert [d.id for d in mine.items] == [deal.id]
    mark_won(session, admin, deal.id)
    assert deal.stage_id == list_stages(session, renewals.id)[1].id  # its own pipeline's won stage
