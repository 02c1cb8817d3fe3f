"""REST: /contact-types — the ways to reach a contact (E-mail, Phone, Skype…); admins add, edit and delete."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from rxcrm.api.deps import DB, Actor
from rxcrm.api.serialize import public
from rxcrm.db.schemas.contact_channels import ContactTypeCreate, ContactTypePublic, ContactTypeUpdate
from rxcrm.db.schemas.shapes import Page
from rxcrm.services.accounts import contact_types as service

router = APIRouter(prefix="/contact-types", tags=["contacts"])


@router.get("", response_model=Page[ContactTypePublic])
def list_contact_types(session: DB, actor: Actor) -> dict[str, Any]:
    """Every contact type in order (E-mail, Phone, Mobile, Skype, LinkedIn, Website on a new installation)."""
    items = [public(t) for t in service.list_contact_types(session)]
    return {"items": items, "total": len(items), "limit": len(items), "offset": 0}


@router.post("", status_code=201, response_model=ContactTypePublic)
def create_contact_type(body: ContactTypeCreate, session: DB, actor: Actor) -> dict[str, Any]:
    """Add a contact type (admins)."""
    return public(service.create_contact_type(session, actor, body.model_dump()))


@router.patch("/{type_id}", response_model=ContactTypePublic)
def update_contact_type(type_id: int, body: ContactTypeUpdate, session: DB, actor: Actor) -> dict[str, Any]:
    """Rename a contact type, move it, or change its kind while no channel uses it (409 otherwise; admins)."""
    data = body.model_dump(exclude_unset=True)
    return public(service.update_contact_type(session, actor, type_id, data))


@router.delete("/{type_id}", status_code=204)
def delete_contact_type(type_id: int, session: DB, actor: Actor) -> Response:
    """Delete a contact type no channel uses (409 naming how many do; admins)."""
    service.delete_contact_type(session, actor, type_id)
    return Response(status_code=204)
