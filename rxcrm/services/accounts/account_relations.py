"""Linked accounts (spec §5.1): list, link and unlink, and the account's parent and sub-accounts beside them.

Linking needs both accounts visible to the user and the right to edit accounts; a list leaves out links to
accounts the user cannot see. A link is stored once per pair and removed with either account.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from rxcrm.db.models import Account, AccountRelation, User
from rxcrm.domain.accounts.relations import check_relation, seen_from, stored_pair
from rxcrm.domain.errors import Conflict, NotFound
from rxcrm.services.accounts.accounts import get_account
from rxcrm.services.people.access import visible
from rxcrm.services.people.permissions import require
from rxcrm.services.records.changes import delete_record, insert_record

ENTITY = "account_relation"
MAX_LISTED = 200


@dataclass(frozen=True)
class LinkedAccount:
    """An account linked to the one shown: the link's id (0 for parent and sub-accounts), the other account
    and what it is to the shown one."""

    relation_id: int
    account_id: int
    related_account_id: int
    related_account_name: str
    label: str


def _pair(relation: AccountRelation) -> tuple[int, int, str, str]:
    return relation.account_id, relation.related_account_id, relation.label, relation.related_label


def _seen(relation: AccountRelation, account_id: int, names: dict[int, str]) -> LinkedAccount | None:
    other, label = seen_from(account_id, _pair(relation))
    if other not in names:
        return None
    return LinkedAccount(relation.id or 0, account_id, other, names[other], label)


def _names(session: Session, actor: User, ids: set[int]) -> dict[int, str]:
    """The names of the accounts among `ids` the user may see."""
    statement = visible(select(Account.id, Account.name).where(Account.id.in_(ids)), Account, actor)
    return dict(session.exec(statement).all())


def list_relations(session: Session, actor: User, account_id: int) -> list[LinkedAccount]:
    """The links of an account the user may see, to accounts he/she may see, by the other account's name."""
    account = get_account(session, actor, account_id)
    touching = or_(AccountRelation.account_id == account.id, AccountRelation.related_account_id == account.id)
    statement = select(AccountRelation).where(touching).order_by(AccountRelation.id).limit(MAX_LISTED)
    relations = list(session.exec(statement).all())
    others = {seen_from(account.id, _pair(r))[0] for r in relations}
    names = _names(session, actor, others)
    shown = [_seen(r, account.id, names) for r in relations]
    return sorted(
        (s for s in shown if s is not None), key=lambda s: (s.related_account_name.lower(), s.relation_id)
    )


def family(session: Session, actor: User, account_id: int) -> list[LinkedAccount]:
    """The account's parent and its sub-accounts the user may see (labels 'Parent account', 'Sub-account')."""
    account = get_account(session, actor, account_id)
    children = select(Account.id).where(Account.parent_id == account.id).limit(MAX_LISTED)
    ids = set(session.exec(children).all()) | ({account.parent_id} if account.parent_id else set())
    names = _names(session, actor, ids)
    linked = [
        LinkedAccount(
            0, account.id, i, names[i], "Parent account" if i == account.parent_id else "Sub-account"
        )
        for i in ids
        if i in names
    ]
    return sorted(linked, key=lambda s: (s.label != "Parent account", s.related_account_name.lower()))


def link_accounts(session: Session, actor: User, account_id: int, data: dict[str, Any]) -> LinkedAccount:
    """Link an account to another one the user may see, once, with what the other is to it ('Supplier')."""
    account = get_account(session, actor, account_id)
    require(session, actor, "accounts", "edit")
    related_id, label = check_relation(account.id, data.get("related_account_id"), data.get("label"))
    related = get_account(session, actor, related_id)
    first, second, second_to_first, first_to_second = stored_pair(account.id, related.id, label)
    taken = Conflict(
        f"'{account.name}' and '{related.name}' are already linked.",
        {"related_account_id": "is already linked"},
    )
    exists = select(AccountRelation.id).where(
        AccountRelation.account_id == first, AccountRelation.related_account_id == second
    )
    if session.exec(exists).first() is not None:
        raise taken
    relation = AccountRelation(
        account_id=first,
        related_account_id=second,
        label=second_to_first,
        related_label=first_to_second,
        created_by_id=actor.id,
    )
    try:
        with session.begin_nested():  # another request may link the same pair between check and insert
            insert_record(session, ENTITY, relation, actor)
    except IntegrityError as exc:
        raise taken from exc
    return LinkedAccount(relation.id or 0, account.id, related.id, related.name, label)


def unlink_accounts(session: Session, actor: User, account_id: int, relation_id: Any) -> None:
    """Remove a link of an account, seen from either side (a link to a hidden account: 'not found')."""
    account = get_account(session, actor, account_id)
    require(session, actor, "accounts", "edit")
    found = next(
        (r for r in list_relations(session, actor, account.id) if r.relation_id == relation_id), None
    )
    relation = session.get(AccountRelation, found.relation_id) if found else None
    if relation is None:
        raise NotFound(f"relation {relation_id} not found")
    delete_record(session, ENTITY, relation, actor)
