"""Account use cases: deletion guards, sub-account cycles, private accounts."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from rxcrm.domain.errors import Conflict, NotFound, ValidationFailed
from rxcrm.services.accounts import AccountFilter, delete_account, get_account, list_accounts, update_account
from tests.conftest import make_account, make_contact, make_opportunity


def test_deleting_an_account_with_contacts_is_refused_with_conflict(session: Session, rep) -> None:
    account = make_account(session, name="Acme")
    make_contact(session, account_id=account.id)
    make_contact(session, account_id=account.id)
    with pytest.raises(Conflict) as refused:
        delete_account(session, rep, account.id)
    assert "2 contacts" in refused.value.message and "Acme" in refused.value.message
    assert get_account(session, rep, account.id) is account


def test_deleting_an_account_with_deals_or_sub_accounts_is_refused(session: Session, rep) -> None:
    parent = make_account(session)
    make_account(session, parent_id=parent.id)
    make_opportunity(session, rep, account_id=parent.id)
    with pytest.raises(Conflict, match="1 sub-accounts, 1 opportunities"):
        delete_account(session, rep, parent.id)


def test_an_empty_account_is_deleted(session: Session, rep) -> None:
    account = make_account(session)
    delete_account(session, rep, account.id)
    with pytest.raises(NotFound):
        get_account(session, rep, account.id)


def test_an_account_cannot_sit_below_its_own_sub_account(session: Session, rep) -> None:
    top = make_account(session)
    child = make_account(session, parent_id=top.id)
    grandchild = make_account(session, parent_id=child.id)
    with pytest.raises(ValidationFailed) as refused:
        update_account(session, rep, top.id, {"parent_id": grandchild.id})
    assert refused.value.fields == {"parent_id": "would make the account its own parent"}


def test_a_private_account_is_seen_by_its_creator_only(session: Session, rep, admin) -> None:
    secret = make_account(session, name="Secret", is_private=True, created_by_id=rep.id)
    make_account(session, name="Open")
    assert [a.name for a in list_accounts(session, rep, AccountFilter()).items] == ["Open", "Secret"]
    assert [a.name for a in list_accounts(session, admin, AccountFilter()).items] == ["Open"]
    with pytest.raises(NotFound):
        get_account(session, admin, secret.id)
