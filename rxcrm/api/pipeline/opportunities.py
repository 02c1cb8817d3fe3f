"""REST: /opportunities — deals in the pipeline and their history."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Response
from pydantic import BaseModel

from rxcrm.api.deps import DB, Actor, IdFilter, PageWindow
from rxcrm.api.records.crud import CrudRoutes
from rxcrm.api.records.followers import add_follower_routes
from rxcrm.api.records.history import add_history_route
from rxcrm.api.serialize import file_answer, record_out, records_page
from rxcrm.api.settings.custom_fields import CustomFilter
from rxcrm.db.schemas.opportunities import (
    BulkResult,
    OpportunityBulk,
    OpportunityCreate,
    OpportunityLost,
    OpportunityMove,
    OpportunityPublic,
    OpportunityUpdate,
)
from rxcrm.db.schemas.shapes import Page
from rxcrm.services.pipeline import moves as actions
from rxcrm.services.pipeline import opportunities as service
from rxcrm.services.pipeline.export import export_csv

router = APIRouter(prefix="/opportunities", tags=["opportunities"])


class OpportunityFilters(BaseModel):
    """The deal list's filters as query parameters (the custom-field ones, `custom.…`, aside)."""

    q: Annotated[str | None, Query(max_length=200)] = None
    stage_id: IdFilter = None
    status: Literal["open", "won", "lost"] | None = None
    owner_id: IdFilter = None
    account_id: IdFilter = None
    contact_id: IdFilter = None
    partner_id: IdFilter = None
    project_id: IdFilter = None
    tag: Annotated[str | None, Query(max_length=40)] = None
    pipeline_id: IdFilter = None


class ListFilter:
    """The list filters shared by the list and its CSV export."""

    def __init__(self, custom: CustomFilter, params: Annotated[OpportunityFilters, Query()]) -> None:
        self.value = service.OpportunityFilter(custom=custom, **params.model_dump())


Filtered = Annotated[ListFilter, Depends()]


@router.get("", response_model=Page[OpportunityPublic])
def list_opportunities(session: DB, actor: Actor, window: PageWindow, flt: Filtered) -> dict[str, Any]:
    """Opportunities the user may see, filtered, sorted and paginated."""
    page = service.list_opportunities(session, actor, flt.value, window.page)
    return records_page(session, page)


@router.get("/export.csv", response_class=Response, responses=file_answer("The deals as CSV.", "text/csv"))
def export_opportunities(
    session: DB, actor: Actor, flt: Filtered, sort: Annotated[str | None, Query(max_length=50)] = None
) -> Response:
    """The filtered list as CSV (only what the user may see; cells safe against formulas)."""
    return Response(
        export_csv(session, actor, flt.value, sort),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="opportunities.csv"'},
    )


@router.post("/bulk", response_model=BulkResult)
def bulk_update(body: OpportunityBulk, session: DB, actor: Actor) -> dict[str, Any]:
    """Change owner, stage or tags of many deals in one all-or-nothing step."""
    changes = body.model_dump(exclude_unset=True, exclude={"ids"})
    return {"updated": actions.bulk_update(session, actor, body.ids, changes)}


crud = CrudRoutes(router, "opportunity", OpportunityPublic, OpportunityCreate, OpportunityUpdate)
crud.create(
    service.create_opportunity,
    "Add an opportunity; owner, stage, probability and currency fall back to their defaults.",
)
crud.read(service.get_opportunity, "One opportunity.")
crud.update(
    service.update_opportunity,
    "Change some of an opportunity's fields; a new stage brings its status and probability.",
)
crud.delete(service.delete_opportunity, "Delete an opportunity.")


@router.post("/{opportunity_id}/move", response_model=OpportunityPublic)
def move_opportunity(opportunity_id: int, body: OpportunityMove, session: DB, actor: Actor) -> dict[str, Any]:
    """Move a deal to another stage (of any pipeline); a lost stage needs a reason."""
    deal = actions.move_opportunity(session, actor, opportunity_id, body.stage_id, body.reason)
    return record_out(session, deal)


@router.post("/{opportunity_id}/lost", response_model=OpportunityPublic)
def mark_lost(opportunity_id: int, body: OpportunityLost, session: DB, actor: Actor) -> dict[str, Any]:
    """Close a deal as lost, with the reason."""
    return record_out(session, actions.mark_lost(session, actor, opportunity_id, body.reason))


@router.post("/{opportunity_id}/won", response_model=OpportunityPublic)
def mark_won(opportunity_id: int, session: DB, actor: Actor) -> dict[str, Any]:
    """Close a deal as won."""
    return record_out(session, actions.mark_won(session, actor, opportunity_id))


@router.post("/{opportunity_id}/sold", response_model=OpportunityPublic)
def mark_sold(opportunity_id: int, session: DB, actor: Actor) -> dict[str, Any]:
    """Win a deal and lock it (contracts from its active quote arrive with quotes)."""
    return record_out(session, actions.mark_sold(session, actor, opportunity_id))


@router.post("/{opportunity_id}/unlock", response_model=OpportunityPublic)
def unlock(opportunity_id: int, session: DB, actor: Actor) -> dict[str, Any]:
    """Reopen a sold deal for edits."""
    return record_out(session, actions.unlock_opportunity(session, actor, opportunity_id))


@router.post("/{opportunity_id}/copy", status_code=201, response_model=OpportunityPublic)
def copy(opportunity_id: int, session: DB, actor: Actor) -> dict[str, Any]:
    """A new open deal with the same fields and business roles."""
    return record_out(session, actions.copy_opportunity(session, actor, opportunity_id))


add_follower_routes(router, service.ENTITY)
add_history_route(router, service.ENTITY, service.get_opportunity)
