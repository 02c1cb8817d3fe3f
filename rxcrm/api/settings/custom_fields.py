"""REST: /custom-fields — typed custom fields per entity; admins define them.

Lists of accounts, contacts and opportunities filter by custom values with `custom.<key>=<value>`
query parameters (the `CustomFilter` dependency below), e.g. `/accounts?custom.region_manager=7`.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response

from rxcrm.api.deps import DB, Actor, PageWindow
from rxcrm.api.serialize import page_body, public
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
    return page_body(service.custom_fields_page(session, entity, active, window.limit, window.offset))


@router.post("", status_code=201, response_model=CustomFieldPublic)
def create_custom_field(body: CustomFieldCreate, session: DB, actor: Actor) -> dict[str, Any]:
    """Admin adds a custom field."""
    return public(service.create_custom_field(session, actor, body.model_dump(exclude_unset=True)))


@router.get("/{field_id}", response_model=CustomFieldPublic)
def read_custom_field(field_id: int, session: DB, _: Actor) -> dict[str, Any]:
    """One custom field."""
    return public(service.get_custom_field(session, field_id))


@router.patch("/{field_id}", response_model=CustomFieldPublic)
def update_custom_field(field_id: int, body: CustomFieldUpdate, session: DB, actor: Actor) -> dict[str, Any]:
    """Admin changes a custom field's label, type, options, required flag, position or activity."""
    data = body.model_dump(exclude_unset=True)
    return public(service.update_custom_field(session, actor, field_id, data))


@router.delete("/{field_id}", status_code=204)
def delete_custom_field(field_id: int, session: DB, actor: Actor) -> Response:
    """Admin removes a custom field; records keep their values as free values."""
    service.delete_custom_field(session, actor, field_id)
    return Response(status_code=204)
