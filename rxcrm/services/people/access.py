"""Who sees which record: one query filter applied to every list, search, export and by-id lookup.

The rules are in `rxcrm/domain/people/access.py`; this module only turns them into SQL.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import and_, false, or_, true
from sqlmodel import Session, select

from rxcrm.db.models import Account, Contact, Follower, Lead, Opportunity, Partner, Project, Ticket, User
from rxcrm.domain.errors import NotFound
from rxcrm.domain.people.access import FULL, LIMITED_CRM, PARTNER, access_scope, limits_entity
from rxcrm.domain.records.validation import record_id as checked_id
from rxcrm.services.people.permissions import role_may_view

T = TypeVar("T")
ENTITY_OF: dict[type, str] = {
    Account: "account",
    Contact: "contact",
    Lead: "lead",
    Opportunity: "opportunity",
}
PERMISSION_ENTITY: dict[type, str] = {
    Account: "accounts",
    Contact: "contacts",
    Lead: "leads",
    Opportunity: "opportunities",
    Ticket: "tickets",
}


def scope_of(user: User) -> str:
    """The access scope of a user."""
    return access_scope(user.role, user.access_level, user.partner_id)


def _followed(entity: str, user: User) -> Any:
    return select(Follower.entity_id).where(Follower.entity == entity, Follower.user_id == user.id)


def managed_or_followed(model: type, user: User) -> Any:
    """Rows the user owns, co-manages or follows."""
    return or_(
        model.owner_id == user.id,
        model.second_owner_id == user.id,
        model.id.in_(_followed(ENTITY_OF[model], user)),
    )


def record_clause(model: type, user: User) -> Any:
    """The WHERE clause naming the rows of `model` the user may see."""
    scope = scope_of(user)
    if model is Partner:
        return partner_clause(user)
    if model in (Ticket, Project):  # the shared inbox and projects are internal: partner users see none
        return false() if scope == PARTNER else true()
    entity = ENTITY_OF.get(model)
    private_rule = (
        or_(Account.is_private.is_(False), Account.created_by_id == user.id) if model is Account else true()
    )
    if entity is None or not limits_entity(scope, entity):
        return private_rule
    if scope == PARTNER:
        own = model.partner_id == user.partner_id if user.partner_id is not None else false()
        if model is Account:
            own = or_(own, Account.is_global.is_(True))
        return and_(private_rule, own)
    if model is Account:
        return and_(private_rule, or_(Account.is_global.is_(True), managed_or_followed(Account, user)))
    if model in (Contact, Lead):
        return managed_or_followed(model, user)
    mine = managed_or_followed(Opportunity, user)
    if scope == LIMITED_CRM:
        accounts = select(Account.id).where(_deal_opening_accounts(user))
        contacts = select(Contact.id).where(managed_or_followed(Contact, user))
        return or_(mine, Opportunity.account_id.in_(accounts), Opportunity.contact_id.in_(contacts))
    return mine


def partner_clause(user: User) -> Any:
    """Partners a user sees: a partner user his/her own; internal users all, if the role may view partners."""
    if scope_of(user) == PARTNER:
        return Partner.id == user.partner_id if user.partner_id is not None else false()
    return role_may_view(user, "partners")


def _deal_opening_accounts(user: User) -> Any:
    """Accounts whose deals a limited-CRM user sees: managed, or followed unless seen only as global."""
    followed = and_(Account.is_global.is_(False), Account.id.in_(_followed("account", user)))
    return or_(Account.owner_id == user.id, Account.second_owner_id == user.id, followed)


def visible(statement: Any, model: type, user: User) -> Any:
    """Narrow a SELECT on `model` to the rows `user` may see (role permission and access scope)."""
    statement = statement.where(record_clause(model, user))
    if model in PERMISSION_ENTITY:
        statement = statement.where(role_may_view(user, PERMISSION_ENTITY[model]))
    return statement


def sees_everything(user: User) -> bool:
    """Whether the user's scope narrows nothing (private accounts aside)."""
    return scope_of(user) == FULL


def users_who_see(session: Session, model: type, record_id: int, user_ids: set[int]) -> set[int]:
    """Of these users, those who may see the record (so that a notification never reveals a hidden one)."""
    users = session.exec(select(User).where(User.id.in_(user_ids))).all() if user_ids else []
    return {
        u.id
        for u in users
        if session.exec(visible(select(model.id).where(model.id == record_id), model, u)).first() is not None
    }


def get_visible(session: Session, model: type[T], record_id: Any, user: User, label: str) -> T:
    """Load one record by id, answering 'not found' when it is missing or hidden from the user."""
    return found_record(
        session, visible(select(model).where(model.id == record_id), model, user), record_id, label
    )


def found_on_visible_record(
    session: Session, model: type[T], item_id: Any, label: str, see_record: Callable[[T], object]
) -> T:
    """A row kept on a record (a file, an e-mail) by id; 'not found' when missing or its record is hidden.

    `see_record` raises NotFound when the user may not see the row's record.
    """
    number = checked_id(item_id)
    item = session.get(model, number) if number is not None else None
    if item is None:
        raise NotFound(f"{label} {item_id} not found")
    try:
        see_record(item)
    except NotFound:
        raise NotFound(f"{label} {item_id} not found") from None
    return item


def found_record(session: Session, statement: Any, record_id: Any, label: str) -> Any:
    """The record a SELECT by id finds; 'not found' for an id no record can have or a row it misses."""
    if not isinstance(record_id, int) or checked_id(record_id) is None:
        raise NotFound(f"{label} not found")
    record = session.exec(statement).first()
    if record is None:
        raise NotFound(f"{label} {record_id} not found")
    return record
