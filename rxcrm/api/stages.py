"""REST: /stages — the pipeline's columns; admins configure them."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Response
from pydantic import BaseModel, ConfigDict

from rxcrm.api.deps import DB, Actor, IdFilter, PageWindow
from rxcrm.api.serialize import page_body, public
from rxcrm.services import stages as service

router = APIRouter(prefix="/stages", tags=["stages"])


class StageIn(BaseModel):
    """Fields an admin may send for a stage; all optional on PATCH (the pipeline only on POST)."""

    model_config = ConfigDict(extra="forbid")
    name: str | None = None
    position: int | None = None
    probability: int | None = None
    kind: Literal["open", "won", "lost"] | None = None
    color: str | None = None
    on_board: bool | None = None
    pipeline_id: IdFilter = None


@router.get("")
def list_stages(session: DB, _: Actor, window: PageWindow, pipeline_id: IdFilter = None) -> dict[str, Any]:
    """The stages of one pipeline (or all) in board order."""
    return page_body(service.stages_page(session, pipeline_id, window.limit, window.offset))


@router.post("", status_code=201)
def create_stage(body: StageIn, session: DB, actor: Actor) -> dict[str, Any]:
    """Admin adds a stage."""
    return public(service.create_stage(session, actor, body.model_dump(exclude_unset=True)))


@router.get("/{stage_id}")
def read_stage(stage_id: int, session: DB, _: Actor) -> dict[str, Any]:
    """One stage."""
    return public(service.get_stage(session, stage_id))


@router.patch("/{stage_id}")
def update_stage(stage_id: int, body: StageIn, session: DB, actor: Actor) -> dict[str, Any]:
    """Admin renames, recolours, reorders or re-weights a stage."""
    return public(service.update_stage(session, actor, stage_id, body.model_dump(exclude_unset=True)))


@router.delete("/{stage_id}", status_code=204)
def delete_stage(stage_id: int, session: DB, actor: Actor) -> Response:
    """Admin removes a stage no opportunity stands in."""
    service.delete_stage(session, actor, stage_id)
    return Response(status_code=204)
