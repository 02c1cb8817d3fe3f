"""Several pipelines as admin-edited configuration: create with stages, rename, order, default, delete."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from rxcrm.db.models import Opportunity, Pipeline, Stage, User
from rxcrm.domain.errors import Conflict, NotFound, ValidationFailed
from rxcrm.domain.pipeline.pipelines import (
    check_deletable,
    check_stage_set,
    default_after,
    pipeline_name,
    placed,
)
from rxcrm.domain.records.validation import record_id
from rxcrm.services.people.users import require_admin
from rxcrm.services.pipeline.stages import STAGE_FIELDS, list_pipelines
from rxcrm.services.pipeline.stages import create_stage as add_stage
from rxcrm.services.records.changes import delete_record, insert_record, update_record
from rxcrm.services.records.listing import count_where

ENTITY = "pipeline"


@dataclass(frozen=True)
class PipelineRow:
    """A pipeline as lists show it: its order, whether it is the default, how many deals stand in it."""

    id: int
    name: str
    position: int
    default: bool
    stages: int
    deals: int


def get_pipeline(session: Session, pipeline_id: Any) -> Pipeline:
    """One pipeline by id."""
    pipeline = session.get(Pipeline, pipeline_id) if record_id(pipeline_id) == pipeline_id else None
    if pipeline is None:
        raise NotFound(f"pipeline {pipeline_id} not found")
    return pipeline


def pipeline_rows(session: Session, actor: User) -> list[PipelineRow]:
    """Every pipeline in display order with its stage and deal counts (two GROUP BYs) — the admin's list:
    the counts take in every deal, so nobody else reads them."""
    require_admin(actor, "configure pipelines")
    stages = dict(
        session.exec(select(Stage.pipeline_id, func.count(Stage.id)).group_by(Stage.pipeline_id)).all()
    )
    deals = dict(
        session.exec(
            select(Stage.pipeline_id, func.count(Opportunity.id))
            .join(Stage, Stage.id == Opportunity.stage_id)
            .group_by(Stage.pipeline_id)
        ).all()
    )
    return [
        PipelineRow(p.id, p.name, p.position, p.is_default, stages.get(p.id, 0), deals.get(p.id, 0))
        for p in list_pipelines(session)
    ]


def deals_in(session: Session, pipeline_id: int) -> int:
    """How many deals stand on a pipeline's stages (the board's, the hidden ones', closed ones)."""
    in_pipeline = Opportunity.stage_id.in_(select(Stage.id).where(Stage.pipeline_id == pipeline_id))
    return count_where(session, Opportunity, in_pipeline)


def _free_name(session: Session, name: str, pipeline_id: int | None) -> str:
    clash = session.exec(select(Pipeline.id).where(func.lower(Pipeline.name) == name.lower())).first()
    if clash is not None and clash != pipeline_id:
        raise Conflict(f"A pipeline named '{name}' already exists.", {"name": "is already taken"})
    return name


def create_pipeline(session: Session, actor: User, data: dict[str, Any]) -> Pipeline:
    """Admin adds a pipeline at the end of the list with its stages (at least an open, a won, a lost one)."""
    require_admin(actor, "configure pipelines")
    name = pipeline_name(data.get("name"))
    stages = check_stage_set(data.get("stages"))
    _free_name(session, name, None)
    last = session.exec(select(func.max(Pipeline.position))).one()
    pipeline = insert_record(session, ENTITY, Pipeline(name=name, position=(last or 0) + 1), actor)
    for position, stage in enumerate(stages):
        values = {k: v for k, v in stage.items() if k in STAGE_FIELDS and v is not None}
        add_stage(session, actor, {**values, "pipeline_id": pipeline.id, "position": position})
    if data.get("default") is True:
        _make_default(session, actor, pipeline)
    return pipeline


def update_pipeline(session: Session, actor: User, pipeline_id: int, data: dict[str, Any]) -> Pipeline:
    """Admin renames a pipeline, moves it in the order or makes it the default (one of them is, always)."""
    require_admin(actor, "configure pipelines")
    pipeline = get_pipeline(session, pipeline_id)
    if data.get("default") is False and pipeline.is_default:
        raise ValidationFailed.from_fields({"default": "make another pipeline the default instead"})
    if "name" in data:
        name = _free_name(session, pipeline_name(data["name"]), pipeline.id)
        update_record(session, ENTITY, pipeline, {"name": name}, actor)
    if data.get("position") is not None:
        order = [p.id for p in list_pipelines(session)]
        _reorder(session, actor, placed(order, pipeline.id, data["position"]))
    if data.get("default") is True:
        _make_default(session, actor, pipeline)
    return pipeline


def _reorder(session: Session, actor: User, ids: list[int]) -> None:
    """Number the pipelines 0, 1, 2… in the given order (only those whose place changed are written)."""
    for position, pipeline_id in enumerate(ids):
        update_record(session, ENTITY, session.get(Pipeline, pipeline_id), {"position": position}, actor)


def _make_default(session: Session, actor: User, chosen: Pipeline) -> None:
    for pipeline in list_pipelines(session):
        update_record(session, ENTITY, pipeline, {"is_default": pipeline.id == chosen.id}, actor)


def delete_pipeline(session: Session, actor: User, pipeline_id: int) -> None:
    """Admin removes a pipeline no deal stands in, with its stages; never the last one.

    When the default goes, the first pipeline left in the order becomes the default.
    """
    require_admin(actor, "configure pipelines")
    pipeline = get_pipeline(session, pipeline_id)
    pipelines = list_pipelines(session)
    check_deletable(pipeline.name, deals_in(session, pipeline.id), len(pipelines))
    order = [p.id for p in pipelines]
    successor = default_after(order, [p.id for p in pipelines if p.is_default], leaving=pipeline.id)
    for stage in session.exec(select(Stage).where(Stage.pipeline_id == pipeline.id)).all():
        delete_record(session, "stage", stage, actor)
    delete_record(session, ENTITY, pipeline, actor)
    _make_default(session, actor, session.get(Pipeline, successor))
