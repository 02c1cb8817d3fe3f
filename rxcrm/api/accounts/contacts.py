"""REST: /contacts — personal contacts and their history."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter
from pydantic import BaseModel

from rxcrm.api.deps import DB, Actor, IdFilter, PageWindow
from rxcrm.api.records.crud import CrudRoutes
from rxcrm.api.records.followers import add_follower_routes
from rxcrm.api.records.history import add_history_route
from rxcrm.api.records.list_filters import custom_list_filter
from rxcrm.api.serialize import record_out, records_page
from rxcrm.db.schemas.contacts import ContactCreate, ContactPublic, ContactUpdate
from rxcrm.db.schemas.shapes import Page
from rxcrm.services.accounts import contacts as service

router = APIRouter(prefix="/contacts", tags=["contacts"])


class ContactFilters(BaseModel):
    """The contact list's filters, sent as query parameters (the custom-field ones aside)."""

    account_id: IdFilter = None
    partner_id: IdFilter = None
    owner_id: IdFilter = None
    kind: Literal["employee", "consultant"] | None = None


Filtered = Annotated[service.ContactFilter, custom_list_filter(ContactFilters, service.ContactFilter)]


@router.get("", response_model=Page[ContactPublic])
def list_contacts(session: DB, actor: Actor, flt: Filtered, window: PageWindow) -> dict[str, Any]:
    """Personal contacts the user may see, filtered, sorted and paginated."""
    return records_page(session, service.list_contacts(session, actor, flt, window.page))


crud = CrudRoutes(router, "contact", ContactPublic, ContactCreate, ContactUpdate)
crud.create(service.create_contact, "Add a personal contact.")
crud.read(service.get_contact, "One personal contact.")
crud.update(service.update_contact, "Change some of a contact's fields.")
crud.delete(service.delete_contact, "Delete a contact that is no opportunity's primary contact.")


add_follower_routes(router, service.ENTITY)
add_history_route(router, service.ENTITY, service.get_contact)


@router.post("/{contact_id}/anonymize", response_model=ContactPublic)
def anonymize_contact(contact_id: int, session: DB, actor: Actor) -> dict[str, Any]:
    """Erase the contact's personal data irreversibly (GDPR)."""
    return record_out(session, service.anonymize_contact(session, actor, contact_id))


crud.vcard(service.contact_card)
