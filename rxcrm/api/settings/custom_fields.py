"""REST: /custom-fields — typed custom fields per entity; admins define them.

Lists of accounts, contacts and opportunities filter by custom values with `custom.<key>=<value>`
query parameters (the `CustomFilter` dependency below), e.g. `/accounts?custom.region_manager=7`.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request

from rxcrm.api.deps import DB, Actor, PageWindow
from rxcrm.api.records.crud import CrudRoutes, public_out
from rxcrm.api.serialize import page_body
from rxcrm.db.schemas.custom_fields import (
    CustomEntity,
    CustomFieldCreate,
    CustomFieldPublic,
    CustomFieldUpdate,
)
from rxcrm.db.schemas.shapes import Page
from rxcrm.services.records import custom_fields as service

router = APIRouter(prefix="/custom-fields", tags=["custom-fields"])
FILTER_PREFIX = "custom."


def _custom_filter(request: Request) -> dict[str, str]:
    return service.parse_custom_filter(request.query_params, FILTER_PREFIX)


CustomFilter = Annotated[dict[str, str], Depends(_custom_filter)]


@router.get("", response_model=Page[CustomFieldPublic])
def list_custom_fields(
    session: DB,
    _: Actor,
    window: PageWindow,
    entity: CustomEntity | None = None,
    active: bool = False,
) -> dict[str, Any]:
    """The custom fields of one entity (or all) in form order; `active=true` hides deactivated ones."""
    return page_body(service.custom_fields_page(session, entity, active, window.page))


crud = CrudRoutes(
    router,
    "custom_field",
    CustomFieldPublic,
    CustomFieldCreate,
    CustomFieldUpdate,
    id_name="field_id",
    out=public_out,
)
crud.create(service.create_custom_field, "Admin adds a custom field.")
crud.read_any(service.get_custom_field, "One custom field.")
crud.update(
    service.update_custom_field,
    "Admin changes a custom field's label, type, options, required flag, position or activity.",
)
crud.delete(
    service.delete_custom_field, "Admin removes a custom field; records keep their values as free values."
)
