"""REST: /stages — the pipeline's columns; admins configure them."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from rxcrm.api.deps import DB, Actor, IdFilter, PageWindow
from rxcrm.api.records.crud import CrudRoutes, public_out
from rxcrm.api.serialize import page_body
from rxcrm.db.schemas.opportunities import StageCreate, StagePublic, StageUpdate
from rxcrm.db.schemas.shapes import Page
from rxcrm.services.pipeline import stages as service

router = APIRouter(prefix="/stages", tags=["stages"])


@router.get("", response_model=Page[StagePublic])
def list_stages(session: DB, _: Actor, window: PageWindow, pipeline_id: IdFilter = None) -> dict[str, Any]:
    """The stages of one pipeline (or all) in board order."""
    return page_body(service.stages_page(session, pipeline_id, window.page))


crud = CrudRoutes(router, "stage", StagePublic, StageCreate, StageUpdate, out=public_out)
crud.create(service.create_stage, "Admin adds a stage.")
crud.read_any(service.get_stage, "One stage.")
crud.update(service.update_stage, "Admin renames, recolours, reorders or re-weights a stage.")
crud.delete(service.delete_stage, "Admin removes a stage no opportunity stands in.")
