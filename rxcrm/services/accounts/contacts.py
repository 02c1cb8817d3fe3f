"""Personal contacts: list, create, edit and delete."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, delete, select

from rxcrm.db.models import Account, BusinessRole, Contact, ContactChannel, Opportunity, User
from rxcrm.domain.accounts.contacts import validate_contact
from rxcrm.domain.errors import Conflict
from rxcrm.domain.people.guarded_fields import partner_field
from rxcrm.domain.records.validation import FieldErrors
from rxcrm.domain.records.vcard import contact_vcard
from rxcrm.services.accounts.ownership import after_contact_owner_change
from rxcrm.services.people.access import get_visible, visible
from rxcrm.services.people.field_visibility import (
    check_sort,
    hidden_fields,
    searchable,
    without_hidden,
)
from rxcrm.services.people.permissions import require
from rxcrm.services.records.changes import insert_record, update_record
from rxcrm.services.records.custom_fields import check_record_custom
from rxcrm.services.records.erasure import anonymize, delete_erasing
from rxcrm.services.records.listing import FIRST_PAGE, ListWindow, Page, count_where, sort_clause
from rxcrm.services.records.record_lists import narrowed_records
from rxcrm.services.records.references import CONTACT_LINKS, check_links

ENTITY = "contact"
LINKS = ("account_id", "partner_id", "owner_id", "second_owner_id")
SORTABLE = ("last_name", "first_name", "email", "created_at", "updated_at")
EQUAL = ("account_id", "partner_id", "owner_id", "kind")
NAMED_DEALS = 5


@dataclass(frozen=True)
class ContactFilter:
    """What the contacts list is narrowed to."""

    q: str | None = None
    account_id: int | None = None
    partner_id: int | None = None
    owner_id: int | None = None
    kind: str | None = None
    custom: Mapping[str, str] | None = None


def list_contacts(session: Session, actor: User, flt: ContactFilter, window: ListWindow = FIRST_PAGE) -> Page:
    """One page of the personal contacts the user may see (never filtered or sorted by a hidden field)."""
    columns = searchable(
        session, actor, ENTITY, Contact.first_name, Contact.last_name, Contact.email, Contact.phone
    )
    statement = narrowed_records(session, actor, select(Contact), Contact, ENTITY, flt, columns, EQUAL)
    check_sort(session, actor, ENTITY, window.sort)
    order = sort_clause(Contact, window.sort, SORTABLE, "last_name")
    return window.fetch(session, statement, order)


def get_contact(session: Session, actor: User, contact_id: int) -> Contact:
    """One contact the user may see."""
    return get_visible(session, Contact, contact_id, actor, "contact")


def _clean(session: Session, actor: User, data: dict[str, Any], current: Contact | None) -> dict[str, Any]:
    merged = {**(current.model_dump() if current else {}), **data}
    values = validate_contact(merged)
    errors = FieldErrors()
    check_links(session, data, actor, errors, CONTACT_LINKS, current)
    errors.raise_if_any()
    for field in (*LINKS, "custom"):
        if field in data:
            values[field] = data[field]
    if "custom" in values and values["custom"] is None:
        values["custom"] = {}
    if "custom" in data or current is None:
        values["custom"] = check_record_custom(session, ENTITY, data.get("custom") or {}, current is None)
    return values


def create_contact(session: Session, actor: User, data: dict[str, Any]) -> Contact:
    """Add a personal contact; the creator owns it unless another owner is named."""
    require(session, actor, "contacts", "add")
    values = _clean(session, actor, partner_field(actor, data, None), None)
    values.setdefault("owner_id", actor.id)
    contact = Contact(**values, created_by_id=actor.id)
    return insert_record(session, ENTITY, contact, actor)


def update_contact(session: Session, actor: User, contact_id: int, data: dict[str, Any]) -> Contact:
    """Change a contact's fields; a new owner carries its open opportunities along while coupled."""
    contact = get_contact(session, actor, contact_id)
    require(session, actor, "contacts", "edit")
    values = _clean(session, actor, partner_field(actor, data, contact), contact)
    changes = update_record(session, ENTITY, contact, values, actor)
    if any(c.field == "owner_id" for c in changes):
        after_contact_owner_change(session, actor, contact)
    return contact


def delete_contact(session: Session, actor: User, contact_id: int) -> None:
    """Delete a contact that is neither the primary contact of an opportunity nor plays a role in one."""
    contact = get_contact(session, actor, contact_id)
    require(session, actor, "contacts", "delete")
    deals = count_where(session, Opportunity, Opportunity.contact_id == contact.id)
    if deals:
        raise Conflict(
            f"This contact is the primary contact of {deals} opportunities: change their contact first."
        )
    _refuse_while_in_business_roles(session, actor, contact.id)
    delete_erasing(session, actor, ENTITY, contact)


def _refuse_while_in_business_roles(session: Session, actor: User, contact_id: int) -> None:
    """Name the deals (those the user may see) in which the contact still plays a business role."""
    with_role = select(BusinessRole.opportunity_id).where(BusinessRole.contact_id == contact_id)
    total = count_where(session, Opportunity, Opportunity.id.in_(with_role))
    if not total:
        return
    shown = select(Opportunity.name).where(Opportunity.id.in_(with_role)).order_by(Opportunity.name)
    names = session.exec(visible(shown, Opportunity, actor).limit(NAMED_DEALS)).all()
    listed = ", ".join(f"'{name}'" for name in names)
    more = total - len(names)
    if more:
        listed = f"{listed} and {more} more" if listed else f"{more} you cannot see"
    deals = "opportunity" if total == 1 else "opportunities"
    raise Conflict(
        f"This contact has a business role in {total} {deals} ({listed}): "
        "remove the contact's roles there first."
    )


def anonymize_contact(session: Session, actor: User, contact_id: int) -> Contact:
    """Erase a contact's personal data irreversibly wherever it is named (services/records/erasure.py)."""
    contact = get_contact(session, actor, contact_id)
    require(session, actor, "contacts", "edit")
    anonymize(session, actor, ENTITY, contact)
    session.exec(delete(ContactChannel).where(ContactChannel.contact_id == contact.id))  # Skype, LinkedIn…
    return contact


def contact_card(session: Session, actor: User, contact_id: int) -> str:
    """The contact as a vCard, its account as organisation."""
    contact = get_contact(session, actor, contact_id)
    account = session.get(Account, contact.account_id) if contact.account_id else None
    data = without_hidden(contact.model_dump(), hidden_fields(session, actor, ENTITY))
    return contact_vcard(data, account.name if account else None)
