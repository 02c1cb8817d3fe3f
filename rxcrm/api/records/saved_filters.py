"""REST: /saved-filters (saved list views, shareable with a role, with role defaults)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from rxcrm.api.deps import DB, Actor
from rxcrm.api.serialize import public
from rxcrm.db.schemas.saved_filters import SavedFilterCreate, SavedFilterPublic, SavedFilterUpdate
from rxcrm.db.schemas.shapes import Page
from rxcrm.services.records import saved_filters as service

router = APIRouter(prefix="/saved-filters", tags=["saved filters"])
Entity = Annotated[str, Query(max_length=20, description="account, opportunity or lead")]


def _items(filters: list[Any]) -> dict[str, Any]:
    return {"items": [public(f) for f in filters], "total": len(filters), "limit": len(filters), "offset": 0}


@router.get("", response_model=Page[SavedFilterPublic])
def list_saved_filters(session: DB, actor: Actor, entity: Entity) -> dict[str, Any]:
    """The saved filters of one list (`entity`) the user sees: his/her own and those shared with the role."""
    return _items(service.list_saved_filters(session, actor, entity))


@router.get("/default", response_model=SavedFilterPublic | None)
def default_filter(session: DB, actor: Actor, entity: Entity) -> dict[str, Any] | None:
    """The filter the list opens with for the user (own default over the role's), or null."""
    saved = service.default_filter_for(session, actor, entity)
    return public(saved) if saved is not None else None


@router.post("", status_code=201, response_model=SavedFilterPublic)
def create_saved_filter(body: SavedFilterCreate, session: DB, actor: Actor) -> dict[str, Any]:
    """Save a list view under a name."""
    return public(service.create_saved_filter(session, actor, body.model_dump(exclude_unset=True)))


@router.get("/{filter_id}", response_model=SavedFilterPublic)
def read_saved_filter(filter_id: int, session: DB, actor: Actor) -> dict[str, Any]:
    """One saved filter the user sees."""
    return public(service.get_saved_filter(session, actor, filter_id))


@router.patch("/{filter_id}", response_model=SavedFilterPublic)
def update_saved_filter(filter_id: int, body: SavedFilterUpdate, session: DB, actor: Actor) -> dict[str, Any]:
    """Rename, re-share or change a saved filter; `default_for_role` is for admins."""
    data = body.model_dump(exclude_unset=True)
    return public(service.update_saved_filter(session, actor, filter_id, data))


@router.delete("/{filter_id}", status_code=204)
def delete_saved_filter(filter_id: int, session: DB, actor: Actor) -> Response:
    """Delete a saved filter (its owner or an admin)."""
    service.delete_saved_filter(session, actor, filter_id)
    return Response(status_code=204)
