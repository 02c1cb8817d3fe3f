"""REST: /pipelines — several sales processes, each with its stages; admins configure them."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from sqlmodel import Session

from rxcrm.api.deps import DB, Actor
from rxcrm.api.records.crud import CrudRoutes
from rxcrm.api.serialize import public, whole_list
from rxcrm.db.models import Pipeline, Stage
from rxcrm.db.schemas.pipelines import PipelineCreate, PipelinePublic, PipelineUpdate
from rxcrm.db.schemas.shapes import Page
from rxcrm.services.pipeline import pipelines as service
from rxcrm.services.pipeline.stages import list_pipelines, list_stages

router = APIRouter(prefix="/pipelines", tags=["pipelines"])


def pipeline_out(session: Session, pipeline: Pipeline, stages: list[Stage] | None = None) -> dict[str, Any]:
    """A pipeline as JSON with api.md's `default` and its stages in board order (read unless given)."""
    shown = [public(s) for s in (list_stages(session, pipeline.id) if stages is None else stages)]
    fields = {"id": pipeline.id, "name": pipeline.name, "position": pipeline.position}
    return {**fields, "default": pipeline.is_default, "stages": shown}


@router.get("", response_model=Page[PipelinePublic])
def list_all_pipelines(session: DB, _: Actor) -> dict[str, Any]:
    """Every pipeline in display order, each with its stages (two queries, however many pipelines)."""
    stages: dict[int, list[Stage]] = {}
    for stage in list_stages(session):
        stages.setdefault(stage.pipeline_id, []).append(stage)
    items = [pipeline_out(session, p, stages.get(p.id, [])) for p in list_pipelines(session)]
    return whole_list(items)


crud = CrudRoutes(router, "pipeline", PipelinePublic, PipelineCreate, PipelineUpdate, out=pipeline_out)
crud.create(service.create_pipeline, "Admin adds a pipeline with its stages (an open, a won and a lost one).")
crud.read_any(service.get_pipeline, "One pipeline with its stages.")
crud.update(service.update_pipeline, "Admin renames a pipeline, reorders it or makes it the default.")
crud.delete(service.delete_pipeline, "Admin removes a pipeline no deal stands in (never the last one).")
