"""Pipelines and stages as admin-edited configuration."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from rxcrm.db.models import Opportunity, Pipeline, Stage, User
from rxcrm.domain.errors import Conflict, NotFound, ValidationFailed
from rxcrm.domain.pipeline.pipelines import check_kind_kept
from rxcrm.domain.pipeline.stages import validate_stage
from rxcrm.services.people.users import require_admin
from rxcrm.services.records.changes import delete_record, insert_record, update_record
from rxcrm.services.records.listing import FIRST_PAGE, ListWindow, Page, count_where, place_last_unless_given

ENTITY = "stage"
STAGE_FIELDS = ("name", "position", "probability", "kind", "color", "on_board", "pipeline_id")


def list_pipelines(session: Session) -> list[Pipeline]:
    """Every pipeline in display order."""
    return list(session.exec(select(Pipeline).order_by(Pipeline.position, Pipeline.id)).all())


def default_pipeline(session: Session) -> Pipeline:
    """The default pipeline (else the first), where new opportunities go and the board opens."""
    pipelines = list_pipelines(session)
    if not pipelines:
        raise NotFound("No pipeline is configured: run `rxcrm init-db`.")
    return next((p for p in pipelines if p.is_default), pipelines[0])


def list_stages(session: Session, pipeline_id: int | None = None) -> list[Stage]:
    """The stages of one pipeline (or all), in board order."""
    statement = select(Stage).order_by(Stage.pipeline_id, Stage.position, Stage.id)
    if pipeline_id is not None:
        statement = statement.where(Stage.pipeline_id == pipeline_id)
    return list(session.exec(statement).all())


def stages_page(session: Session, pipeline_id: int | None = None, window: ListWindow = FIRST_PAGE) -> Page:
    """One page of the stages of one pipeline (or all), in board order."""
    statement = select(Stage)
    if pipeline_id is not None:
        statement = statement.where(Stage.pipeline_id == pipeline_id)
    return window.fetch(session, statement, (Stage.pipeline_id, Stage.position, Stage.id))


def get_stage(session: Session, stage_id: Any) -> Stage:
    """One stage by id."""
    stage = session.get(Stage, stage_id) if isinstance(stage_id, int) else None
    if stage is None:
        raise NotFound(f"stage {stage_id} not found")
    return stage


def first_open_stage(session: Session, pipeline_id: int) -> Stage:
    """Where a new opportunity starts: the first open stage of its pipeline."""
    stage = session.exec(
        select(Stage)
        .where(Stage.pipeline_id == pipeline_id, Stage.kind == "open")
        .order_by(Stage.position, Stage.id)
    ).first()
    if stage is None:
        raise ValidationFailed.from_fields({"stage_id": "the pipeline has no open stage"})
    return stage


def create_stage(session: Session, actor: User, data: dict[str, Any]) -> Stage:
    """Admin adds a stage to a pipeline (the default one unless named)."""
    require_admin(actor, "configure stages")
    validate_stage(data, creating=True)
    values = {k: data[k] for k in STAGE_FIELDS if data.get(k) is not None}
    values.setdefault("pipeline_id", default_pipeline(session).id)
    if session.get(Pipeline, values["pipeline_id"]) is None:
        raise ValidationFailed.from_fields({"pipeline_id": "no such pipeline"})
    place_last_unless_given(session, values, Stage.position, Stage.pipeline_id == values["pipeline_id"])
    return insert_record(session, ENTITY, Stage(**values), actor)


def update_stage(session: Session, actor: User, stage_id: int, data: dict[str, Any]) -> Stage:
    """Admin renames, recolours, reorders or re-weights a stage."""
    require_admin(actor, "configure stages")
    stage = get_stage(session, stage_id)
    validate_stage(data, creating=False)
    values = {k: data[k] for k in STAGE_FIELDS if k in data and k != "pipeline_id"}
    if any(values.get(k) is None for k in values):
        raise ValidationFailed.from_fields({k: "is required" for k, v in values.items() if v is None})
    if values.get("kind", stage.kind) != stage.kind:
        _keep_kinds(session, stage, values["kind"])
    update_record(session, ENTITY, stage, values, actor)
    return stage


def delete_stage(session: Session, actor: User, stage_id: int) -> None:
    """Admin removes a stage no opportunity stands in."""
    require_admin(actor, "configure stages")
    stage = get_stage(session, stage_id)
    used = count_where(session, Opportunity, Opportunity.stage_id == stage.id)
    if used:
        raise Conflict(f"{used} opportunities stand in '{stage.name}': move them first.")
    _keep_kinds(session, stage, None)
    delete_record(session, ENTITY, stage, actor)


def _keep_kinds(session: Session, stage: Stage, new_kind: str | None) -> None:
    """The stage's pipeline keeps an open, a won and a lost stage after it changes kind or goes."""
    others = session.exec(
        select(Stage.kind).where(Stage.pipeline_id == stage.pipeline_id, Stage.id != stage.id)
    )
    pipeline = session.get(Pipeline, stage.pipeline_id)
    check_kind_kept([*others.all(), *([new_kind] if new_kind else [])], pipeline.name if pipeline else "")
