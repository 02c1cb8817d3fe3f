"""REST: /contacts — personal contacts and their history."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Response
from fastapi.responses import PlainTextResponse

from rxcrm.api.deps import DB, Actor, IdFilter, PageWindow
from rxcrm.api.records.followers import add_follower_routes
from rxcrm.api.records.history import add_history_route
from rxcrm.api.serialize import file_answer, record_out, records_page
from rxcrm.api.settings.custom_fields import CustomFilter
from rxcrm.db.schemas.contacts import ContactCreate, ContactPublic, ContactUpdate
from rxcrm.db.schemas.shapes import Page
from rxcrm.services.accounts import contacts as service

router = APIRouter(prefix="/contacts", tags=["contacts"])


@router.get("", response_model=Page[ContactPublic])
def list_contacts(
    session: DB,
    actor: Actor,
    window: PageWindow,
    custom: CustomFilter,
    account_id: IdFilter = None,
    partner_id: IdFilter = None,
    owner_id: IdFilter = None,
    kind: Literal["employee", "consultant"] | None = None,
) -> dict[str, Any]:
    """Personal contacts the user may see, filtered, sorted and paginated."""
    flt = service.ContactFilter(
        q=window.q, account_id=account_id, partner_id=partner_id, owner_id=owner_id, kind=kind, custom=custom
    )
    return records_page(
        session, service.list_contacts(session, actor, flt, window.sort, window.limit, window.offset)
    )


@router.post("", status_code=201, response_model=ContactPublic)
def create_contact(body: ContactCreate, session: DB, actor: Actor) -> dict[str, Any]:
    """Add a personal contact."""
    return record_out(session, service.create_contact(session, actor, body.model_dump(exclude_unset=True)))


@router.get("/{contact_id}", response_model=ContactPublic)
def read_contact(contact_id: int, session: DB, actor: Actor) -> dict[str, Any]:
    """One personal contact."""
    return record_out(session, service.get_contact(session, actor, contact_id))


@router.patch("/{contact_id}", response_model=ContactPublic)
def update_contact(contact_id: int, body: ContactUpdate, session: DB, actor: Actor) -> dict[str, Any]:
    """Change some of a contact's fields."""
    return record_out(
        session, service.update_contact(session, actor, contact_id, body.model_dump(exclude_unset=True))
    )


@router.delete("/{contact_id}", status_code=204)
def delete_contact(contact_id: int, session: DB, actor: Actor) -> Response:
    """Delete a contact that is no opportunity's primary contact."""
    service.delete_contact(session, actor, contact_id)
    return Response(status_code=204)


add_follower_routes(router, service.ENTITY)
add_history_route(router, service.ENTITY, service.get_contact)


@router.post("/{contact_id}/anonymize", response_model=ContactPublic)
def anonymize_contact(contact_id: int, session: DB, actor: Actor) -> dict[str, Any]:
    """Erase the contact's personal data irreversibly (GDPR)."""
    return record_out(session, service.anonymize_contact(session, actor, contact_id))


@router.get(
    "/{contact_id}/vcard",
    response_class=Response,
    responses=file_answer("The contact as a vCard.", "text/vcard"),
)
def contact_vcard(contact_id: int, session: DB, actor: Actor) -> PlainTextResponse:
    """The contact as a vCard (text/vcard)."""
    return PlainTextResponse(service.contact_card(session, actor, contact_id), media_type="text/vcard")
