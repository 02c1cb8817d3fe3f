"""Settings › Pipelines, the board's switcher and the deal page's pipeline move, driven without a browser."""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxcrm.db.models import Pipeline, User
from rxcrm.services.pipeline.pipelines import create_pipeline
from rxcrm.services.pipeline.stages import default_pipeline, list_pipelines, list_stages
from rxcrm.ui.pipeline.board_state import BoardState
from rxcrm.ui.pipeline.pipeline_move import PipelineMoveState
from rxcrm.ui.settings.configuration import ConfigurationState
from rxcrm.ui.settings.pipelines_state import PipelinesState
from tests.conftest import make_opportunity
from tests.services.test_pipelines import RENEWALS
from tests.ui_units.logged_in import logged_in_state
from tests.ui_units.test_board_state import _run


def _with_renewals(session: Session, admin: User, cls: type, label: str) -> tuple[Pipeline, Any]:
    """A second pipeline, Renewals, and a page state of the admin."""
    renewals = create_pipeline(session, admin, RENEWALS)
    session.commit()
    return renewals, logged_in_state(session, admin, cls, label)


def _names(session: Session) -> list[str]:
    session.expire_all()
    return [p.name for p in list_pipelines(session)]


def test_a_new_pipeline_starts_with_editable_stages_and_is_created_with_them(
    app_database: Engine, session: Session, admin: User
) -> None:
    page = logged_in_state(session, admin, PipelinesState, "pipelines")
    _run(page, PipelinesState.open_new)
    assert page.new_open and [s["name"] for s in page.draft] == [
        "Qualification",
        "Proposal",
        "Negotiation",
        "Won",
        "Lost",
    ]
    _run(page, PipelinesState.set_draft, 1, "name", "Offer")
    _run(page, PipelinesState.set_draft, 1, "probability", "45")
    _run(page, PipelinesState.remove_draft_stage, 2)
    _run(page, PipelinesState.add_draft_stage)
    _run(page, PipelinesState.set_draft, 2, "name", "Legal")
    assert [(s["name"], s["kind"]) for s in page.draft][2:] == [
        ("Legal", "open"),
        ("Won", "won"),
        ("Lost", "lost"),
    ]
    _run(page, PipelinesState.create, {"pipeline_name": "Upsell"})
    assert not page.new_open and _names(session)[-1] == "Upsell"
    upsell = list_pipelines(session)[-1]
    assert [(s.name, s.probability) for s in list_stages(session, upsell.id)][:3] == [
        ("Qualification", 20),
        ("Offer", 45),
        ("Legal", 50),
    ]


def test_a_pipeline_without_a_lost_stage_is_refused_and_the_dialog_stays_open(
    app_database: Engine, session: Session, admin: User
) -> None:
    page = logged_in_state(session, admin, PipelinesState, "pipelines-refused")
    _run(page, PipelinesState.open_new)
    _run(page, PipelinesState.remove_draft_stage, 4)
    toast = _run(page, PipelinesState.create, {"pipeline_name": "Half"})
    assert "a pipeline needs a lost stage" in str(toast)
    assert page.new_open and _names(session) == [default_pipeline(session).name]


def test_deleting_a_pipeline_with_deals_is_refused_with_the_reason(
    app_database: Engine, session: Session, admin: User
) -> None:
    renewals = create_pipeline(session, admin, RENEWALS)
    make_opportunity(session, admin, stage_id=list_stages(session, renewals.id)[0].id)
    session.commit()
    page = logged_in_state(session, admin, PipelinesState, "pipelines-delete")
    _run(page, PipelinesState.load)
    assert [(r["name"], r["deals"], r["default"]) for r in page.rows][1] == ("Renewals", "1", "")
    _run(page, PipelinesState.ask_delete, str(renewals.id), "Renewals")
    toast = _run(page, PipelinesState.delete)
    assert "1 deal stands in 'Renewals': move them to another pipeline first." in str(toast)
    assert "Renewals" in _names(session)


def test_order_and_default_are_changed_from_the_list(
    app_database: Engine, session: Session, admin: User
) -> None:
    renewals, page = _with_renewals(session, admin, PipelinesState, "pipelines-order")
    _run(page, PipelinesState.load)
    _run(page, PipelinesState.move, str(renewals.id), -1)
    _run(page, PipelinesState.make_default, str(renewals.id))
    _run(page, PipelinesState.rename, str(renewals.id), "Renewal deals")
    assert _names(session)[0] == "Renewal deals"
    assert default_pipeline(session).id == renewals.id


def test_the_stage_editor_is_scoped_to_the_chosen_pipeline(
    app_database: Engine, session: Session, admin: User
) -> None:
    renewals, editor = _with_renewals(session, admin, ConfigurationState, "stage-editor")
    _run(editor, ConfigurationState.load)
    assert editor.stage_pipeline == str(default_pipeline(session).id) and len(editor.stages) == 7
    _run(editor, ConfigurationState.show_pipeline, str(renewals.id))
    _run(editor, ConfigurationState.load)
    assert [s["name"] for s in editor.stages] == ["Due", "Renewed", "Churned"]
    _run(editor, ConfigurationState.add_stage, {"stage_name": "Legal"})
    session.expire_all()
    assert [s.name for s in list_stages(session, renewals.id)] == ["Due", "Renewed", "Churned", "Legal"]


def test_the_board_keeps_a_chosen_pipeline_and_falls_back_to_the_default(
    app_database: Engine, session: Session, admin: User
) -> None:
    renewals, board = _with_renewals(session, admin, BoardState, "board-pipelines")
    board.pipeline_id = str(renewals.id)
    _run(board, BoardState.load)
    assert [c["name"] for c in board.columns] == ["Due", "Renewed", "Churned"]
    assert [o["label"] for o in board.pipeline_options] == [default_pipeline(session).name, "Renewals"]
    board.pipeline_id = "999999"  # remembered, but deleted since
    _run(board, BoardState.load)
    assert board.pipeline_id == str(default_pipeline(session).id) and len(board.columns) == 7


def test_the_deal_page_offers_the_other_pipelines_stages_grouped(
    app_database: Engine, session: Session, admin: User
) -> None:
    renewals = create_pipeline(session, admin, RENEWALS)
    deal = make_opportunity(session, admin)
    session.commit()
    page = logged_in_state(session, admin, PipelineMoveState, "deal-pipeline-move")
    page.opportunity_id = deal.id
    _run(page, PipelineMoveState.open_move)
    assert page.move_open
    assert [(g["name"], [s["label"] for s in g["stages"]]) for g in page.stage_groups] == [
        ("Renewals", ["Due", "Renewed", "Churned"])
    ]
    due = list_stages(session, renewals.id)[0]
    event = _run(page, PipelineMoveState.save_move, {"stage_id": str(due.id)})
    assert not page.move_open and "choose_stage" in str(event) and str(due.id) in str(event)
