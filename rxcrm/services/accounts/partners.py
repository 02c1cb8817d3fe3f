"""Partners (spec §5.3): the network list, create, edit, delete, as far as the user sees them.

Internal users see every partner when their role may view partners; a partner user sees only his/her
own (the access filter, `services/people/access.py`), so any other partner's id answers 'not found'.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, select

from rxcrm.db.models import Account, Contact, Lead, Opportunity, Partner, SplitterShare, User
from rxcrm.domain.accounts.partners import check_partner_deletable, validate_partner
from rxcrm.domain.records.validation import FieldErrors
from rxcrm.services.people.access import get_visible, visible
from rxcrm.services.people.permissions import require
from rxcrm.services.records.changes import delete_record, insert_record, update_record
from rxcrm.services.records.custom_fields import check_record_custom
from rxcrm.services.records.listing import FIRST_PAGE, ListWindow, Page, count_where, sort_clause
from rxcrm.services.records.record_lists import narrowed_records
from rxcrm.services.records.references import check_user_refs

ENTITY = "partner"
PERMISSION = "partners"
SORTABLE = ("name", "city", "country", "created_at", "updated_at")
EQUAL = ("active", "owner_id", "country")


@dataclass(frozen=True)
class PartnerFilter:
    """What the partners list is narrowed to."""

    q: str | None = None
    active: bool | None = None
    owner_id: int | None = None
    country: str | None = None
    custom: Mapping[str, str] | None = None


def list_partners(session: Session, actor: User, active_only: bool = True) -> list[Partner]:
    """The partners the user may see by name, for pickers."""
    statement = visible(select(Partner), Partner, actor).order_by(Partner.name)
    if active_only:
        statement = statement.where(Partner.active.is_(True))
    return list(session.exec(statement).all())


def search_partners(
    session: Session, actor: User, flt: PartnerFilter, window: ListWindow = FIRST_PAGE
) -> Page:
    """One page of the partner network the user may see: searched, filtered, sorted."""
    columns = (Partner.name, Partner.email, Partner.city, Partner.country, Partner.website)
    statement = narrowed_records(session, actor, select(Partner), Partner, ENTITY, flt, columns, EQUAL)
    order = sort_clause(Partner, window.sort, SORTABLE, "name")
    return window.fetch(session, statement, order)


def get_partner(session: Session, actor: User, partner_id: int) -> Partner:
    """One partner the user may see (a partner user: only his/her own)."""
    return get_visible(session, Partner, partner_id, actor, ENTITY)


def _clean(session: Session, data: dict[str, Any], current: Partner | None) -> dict[str, Any]:
    values = validate_partner(data, creating=current is None)
    errors = FieldErrors()
    if "owner_id" in data and (current is None or data["owner_id"] != current.owner_id):
        check_user_refs(session, {"owner_id": data["owner_id"]}, errors)
    if "active" in data and not isinstance(data["active"], bool):
        errors.add("active", "must be true or false")
    errors.raise_if_any()
    for field in ("owner_id", "active"):
        if field in data:
            values[field] = data[field]
    if "custom" in data or current is None:
        values["custom"] = check_record_custom(session, ENTITY, data.get("custom") or {}, current is None)
    return values


def create_partner(session: Session, actor: User, data: dict[str, Any]) -> Partner:
    """Add a partner; the user who adds it manages it unless another manager is named."""
    require(session, actor, PERMISSION, "add")
    values = {"owner_id": actor.id, **_clean(session, data, None)}
    partner = Partner(**values, created_by_id=actor.id)
    insert_record(session, ENTITY, partner, actor)
    return partner


def update_partner(session: Session, actor: User, partner_id: int, data: dict[str, Any]) -> Partner:
    """Change a partner's fields (also: deactivate it); each real change is written to history."""
    partner = get_partner(session, actor, partner_id)
    require(session, actor, PERMISSION, "edit")
    update_record(session, ENTITY, partner, _clean(session, data, partner), actor)
    return partner


def assigned_counts(session: Session, partner_id: int) -> dict[str, int]:
    """How many users, consultants, accounts, leads, deals and splitter shares name the partner (all)."""
    return {
        "users": count_where(session, User, User.partner_id == partner_id),
        "consultants": count_where(session, Contact, Contact.partner_id == partner_id),
        "accounts": count_where(session, Account, Account.partner_id == partner_id),
        "leads": count_where(session, Lead, Lead.partner_id == partner_id),
        "opportunities": count_where(session, Opportunity, Opportunity.partner_id == partner_id),
        "splitter shares": count_where(session, SplitterShare, SplitterShare.partner_id == partner_id),
    }


def delete_partner(session: Session, actor: User, partner_id: int) -> None:
    """Delete a partner nothing is assigned to any more (otherwise: 409 naming what is, deactivate it)."""
    partner = get_partner(session, actor, partner_id)
    require(session, actor, PERMISSION, "delete")
    check_partner_deletable(partner.name, assigned_counts(session, partner.id))
    delete_record(session, ENTITY, partner, actor)
