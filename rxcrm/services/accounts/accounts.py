"""Accounts: list, create, edit, delete, groups, favourites and sub-accounts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from rxcrm.db.models import (
    Account,
    AccountGroup,
    AccountGroupMember,
    Contact,
    Favourite,
    Opportunity,
    User,
)
from rxcrm.domain.accounts.accounts import check_parent, map_link, validate_account
from rxcrm.domain.errors import Conflict, ValidationFailed
from rxcrm.domain.people.guarded_fields import check_account_flags, partner_field
from rxcrm.domain.records.validation import FieldErrors
from rxcrm.domain.records.vcard import account_vcard
from rxcrm.services.people.access import get_visible
from rxcrm.services.people.field_visibility import (
    check_sort,
    hidden_fields,
    searchable,
    without_hidden,
)
from rxcrm.services.people.permissions import require
from rxcrm.services.records.changes import delete_record, insert_record, update_record
from rxcrm.services.records.custom_fields import check_record_custom
from rxcrm.services.records.erasure import anonymize, delete_erasing
from rxcrm.services.records.listing import FIRST_PAGE, ListWindow, Page, count_where, sort_clause
from rxcrm.services.records.record_lists import narrowed_records
from rxcrm.services.records.references import ACCOUNT_LINKS, check_links

ENTITY = "account"
FLAGS = ("key_account", "is_private", "is_global")
PERSON = "person"
LINKS = ("owner_id", "second_owner_id", "parent_id", "partner_id")
SORTABLE = ("name", "type", "city", "country", "industry", "created_at", "updated_at")
EQUAL = ("type", "owner_id", "parent_id", "partner_id", "key_account", "country", "industry")


@dataclass(frozen=True)
class AccountFilter:
    """What the accounts list is narrowed to."""

    q: str | None = None
    type: str | None = None
    owner_id: int | None = None
    group_id: int | None = None
    parent_id: int | None = None
    partner_id: int | None = None
    key_account: bool | None = None
    favourites_of: int | None = None
    country: str | None = None
    industry: str | None = None
    custom: Mapping[str, str] | None = None


def list_accounts(session: Session, actor: User, flt: AccountFilter, window: ListWindow = FIRST_PAGE) -> Page:
    """One page of the accounts the user may see, filtered and sorted (never by a field hidden from them)."""
    columns = searchable(
        session, actor, ENTITY, Account.name, Account.email, Account.city, Account.company, Account.vat_no
    )
    statement = narrowed_records(session, actor, select(Account), Account, ENTITY, flt, columns, EQUAL)
    check_sort(session, actor, ENTITY, window.sort)
    if flt.group_id is not None:
        statement = statement.where(
            Account.id.in_(
                select(AccountGroupMember.account_id).where(AccountGroupMember.group_id == flt.group_id)
            )
        )
    if flt.favourites_of is not None:
        statement = statement.where(
            Account.id.in_(select(Favourite.account_id).where(Favourite.user_id == flt.favourites_of))
        )
    order = sort_clause(Account, window.sort, SORTABLE, "name")
    return window.fetch(session, statement, order)


def get_account(session: Session, actor: User, account_id: int) -> Account:
    """One account the user may see."""
    return get_visible(session, Account, account_id, actor, "account")


def _clean(session: Session, actor: User, data: dict[str, Any], current: Account | None) -> dict[str, Any]:
    merged = {**(current.model_dump() if current else {}), **data}
    values = validate_account(merged)
    errors = FieldErrors()
    check_links(session, data, actor, errors, ACCOUNT_LINKS, current)
    _check_groups(session, data.get("group_ids"), errors)
    errors.raise_if_any()
    for field in (*FLAGS, *LINKS, "custom"):
        if field in data:
            values[field] = bool(data[field]) if field in FLAGS else data[field]
    if current is not None and "parent_id" in data:
        check_parent(current.id, data["parent_id"], _ancestors(session, data["parent_id"]))
    if "custom" in values and values["custom"] is None:
        values["custom"] = {}
    if "custom" in data or current is None:
        values["custom"] = check_record_custom(session, ENTITY, data.get("custom") or {}, current is None)
    return values


def create_account(session: Session, actor: User, data: dict[str, Any]) -> Account:
    """Add an account; the creator owns it unless another owner is named."""
    require(session, actor, "accounts", "add")
    data = partner_field(actor, data, None)
    check_account_flags(actor, data, None)
    values = {**new_account_defaults(actor), **_clean(session, actor, data, None)}
    account = Account(**values)
    insert_record(session, ENTITY, account, actor)
    _set_groups(session, account.id, data.get("group_ids"))
    return account


def new_account_defaults(actor: User) -> dict[str, Any]:
    """What a new account gets unless told otherwise: the user who adds it owns it."""
    return {"owner_id": actor.id, "created_by_id": actor.id}


def update_account(session: Session, actor: User, account_id: int, data: dict[str, Any]) -> Account:
    """Change an account's fields; each real change is written to history."""
    account = get_account(session, actor, account_id)
    require(session, actor, "accounts", "edit")
    data = partner_field(actor, data, account)
    check_account_flags(actor, data, account)
    values = _clean(session, actor, data, account)
    if "type" not in data:
        values.pop("type", None)
    update_record(session, ENTITY, account, values, actor)
    _set_groups(session, account.id, data.get("group_ids"))
    return account


def delete_account(session: Session, actor: User, account_id: int) -> None:
    """Delete an account that no longer has people, deals or sub-accounts (a person's: erasing the person)."""
    account = get_account(session, actor, account_id)
    require(session, actor, "accounts", "delete")
    counts = {
        "sub-accounts": count_where(session, Account, Account.parent_id == account.id),
        "contacts": count_where(session, Contact, Contact.account_id == account.id),
        "opportunities": count_where(session, Opportunity, Opportunity.account_id == account.id),
    }
    blocking = [f"{n} {label}" for label, n in counts.items() if n]
    if blocking:
        raise Conflict(f"'{account.name}' still has {', '.join(blocking)}: move or delete them first.")
    if account.type == PERSON:
        delete_erasing(session, actor, ENTITY, account)
    else:
        delete_record(session, ENTITY, account, actor)


def anonymize_account(session: Session, actor: User, account_id: int) -> Account:
    """Erase a person account's personal data irreversibly wherever it is named (records/erasure.py)."""
    account = get_account(session, actor, account_id)
    require(session, actor, "accounts", "edit")
    if account.type != PERSON:
        raise ValidationFailed.from_fields({"type": "only a person account holds personal data to anonymize"})
    anonymize(session, actor, ENTITY, account)
    return account


def _ancestors(session: Session, parent_id: int | None) -> list[int]:
    chain: list[int] = []
    while parent_id is not None and parent_id not in chain and len(chain) < 100:
        chain.append(parent_id)
        parent_id = session.exec(select(Account.parent_id).where(Account.id == parent_id)).first()
    return chain


def _check_groups(session: Session, group_ids: Any, errors: FieldErrors) -> None:
    if group_ids is None:
        return
    if not isinstance(group_ids, list) or not all(isinstance(g, int) for g in group_ids):
        errors.add("group_ids", "must be a list of group ids")
        return
    found = set(session.exec(select(AccountGroup.id).where(AccountGroup.id.in_(group_ids))).all())
    if found != set(group_ids):
        errors.add("group_ids", "names a group that does not exist")


def _set_groups(session: Session, account_id: int, group_ids: list[int] | None) -> None:
    if group_ids is None:
        return
    for member in session.exec(select(AccountGroupMember).where(AccountGroupMember.account_id == account_id)):
        session.delete(member)
    session.flush()
    for group_id in sorted(set(group_ids)):
        session.add(AccountGroupMember(account_id=account_id, group_id=group_id))
    session.flush()


def account_group_ids(session: Session, account_id: int) -> list[int]:
    """The groups an account belongs to."""
    return list(
        session.exec(
            select(AccountGroupMember.group_id).where(AccountGroupMember.account_id == account_id)
        ).all()
    )


def list_groups(session: Session) -> list[AccountGroup]:
    """Every account group by name."""
    return list(session.exec(select(AccountGroup).order_by(AccountGroup.name)).all())


def create_group(session: Session, name: str) -> AccountGroup:
    """Add an account group with a unique name."""
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise ValidationFailed.from_fields({"name": "is required (at most 100 characters)"})
    taken = Conflict(f"A group named '{name}' already exists.", {"name": "is already taken"})
    if session.exec(select(AccountGroup).where(func.lower(AccountGroup.name) == name.lower())).first():
        raise taken
    group = AccountGroup(name=name)
    try:
        with session.begin_nested():  # another request may store the same name between check and insert
            session.add(group)
            session.flush()
    except IntegrityError as exc:
        raise taken from exc
    return group


def set_favourite(session: Session, actor: User, account_id: int, favourite: bool) -> bool:
    """Mark or unmark an account as one of the user's favourites ('my accounts')."""
    get_account(session, actor, account_id)
    row = session.get(Favourite, (actor.id, account_id))
    if favourite and row is None:
        session.add(Favourite(user_id=actor.id, account_id=account_id))
    elif not favourite and row is not None:
        session.delete(row)
    session.flush()
    return favourite


def is_favourite(session: Session, actor: User, account_id: int) -> bool:
    """Whether the account is among the user's favourites."""
    return session.get(Favourite, (actor.id, account_id)) is not None


def account_card(session: Session, actor: User, account_id: int) -> str:
    """The account as a vCard for address books."""
    data = get_account(session, actor, account_id).model_dump()
    return account_vcard(without_hidden(data, hidden_fields(session, actor, ENTITY)))


def account_map_link(session: Session, actor: User, account: Account) -> str | None:
    """An OpenStreetMap link built only from the address parts the user may see."""
    return map_link(without_hidden(account.model_dump(), hidden_fields(session, actor, ENTITY)))
