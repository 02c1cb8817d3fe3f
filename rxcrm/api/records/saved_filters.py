"""REST: /saved-filters (saved list views, shareable with a role, with role defaults)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from rxcrm.api.deps import DB, Actor
from rxcrm.api.records.crud import CrudRoutes, public_out
from rxcrm.api.serialize import public, whole_list
from rxcrm.db.schemas.saved_filters import SavedFilterCreate, SavedFilterPublic, SavedFilterUpdate
from rxcrm.db.schemas.shapes import Page
from rxcrm.services.records import saved_filters as service

router = APIRouter(prefix="/saved-filters", tags=["saved filters"])
Entity = Annotated[str, Query(max_length=20, description="account, opportunity, lead or ticket")]


def _items(filters: list[Any]) -> dict[str, Any]:
    return whole_list([public(f) for f in filters])


@router.get("", response_model=Page[SavedFilterPublic])
def list_saved_filters(session: DB, actor: Actor, entity: Entity) -> dict[str, Any]:
    """The saved filters of one list (`entity`) the user sees: his/her own and those shared with the role."""
    return _items(service.list_saved_filters(session, actor, entity))


@router.get("/default", response_model=SavedFilterPublic | None)
def default_filter(session: DB, actor: Actor, entity: Entity) -> dict[str, Any] | None:
    """The filter the list opens with for the user (own default over the role's), or null."""
    saved = service.default_filter_for(session, actor, entity)
    return public(saved) if saved is not None else None


crud = CrudRoutes(
    router,
    "saved_filter",
    SavedFilterPublic,
    SavedFilterCreate,
    SavedFilterUpdate,
    id_name="filter_id",
    out=public_out,
)
crud.create(service.create_saved_filter, "Save a list view under a name.")
crud.read(service.get_saved_filter, "One saved filter the user sees.")
crud.update(
    service.update_saved_filter,
    "Rename, re-share or change a saved filter; `default_for_role` is for admins.",
)
crud.delete(service.delete_saved_filter, "Delete a saved filter (its owner or an admin).")
