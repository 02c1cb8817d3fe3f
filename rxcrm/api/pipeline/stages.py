"""REST: /stages — the pipeline's columns; admins configure them."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from rxcrm.api.deps import DB, Actor, IdFilter, PageWindow
from rxcrm.api.serialize import page_body, public
from rxcrm.db.schemas.opportunities import StageCreate, StagePublic, StageUpdate
from rxcrm.db.schemas.shapes import Page
from rxcrm.services.pipeline import stages as service

router = APIRouter(prefix="/stages", tags=["stages"])


@router.get("", response_model=Page[StagePublic])
def list_stages(session: DB, _: Actor, window: PageWindow, pipeline_id: IdFilter = None) -> dict[str, Any]:
    """The stages of one pipeline (or all) in board order."""
    return page_body(service.stages_page(session, pipeline_id, window.limit, window.offset))


@router.post("", status_code=201, response_model=StagePublic)
def create_stage(body: StageCreate, session: DB, actor: Actor) -> dict[str, Any]:
    """Admin adds a stage."""
    return public(service.create_stage(session, actor, body.model_dump(exclude_unset=True)))


@router.get("/{stage_id}", response_model=StagePublic)
def read_stage(stage_id: int, session: DB, _: Actor) -> dict[str, Any]:
    """One stage."""
    return public(service.get_stage(session, stage_id))


@router.patch("/{stage_id}", response_model=StagePublic)
def update_stage(stage_id: int, body: StageUpdate, session: DB, actor: Actor) -> dict[str, Any]:
    """Admin renames, recolours, reorders or re-weights a stage."""
    return public(service.update_stage(session, actor, stage_id, body.model_dump(exclude_unset=True)))


@router.delete("/{stage_id}", status_code=204)
def delete_stage(stage_id: int, session: DB, actor: Actor) -> Response:
    """Admin removes a stage no opportunity stands in."""
    service.delete_stage(session, actor, stage_id)
    return Response(status_code=204)
