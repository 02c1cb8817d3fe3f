"""Account use cases: deletion guards, sub-account cycles, private accounts."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from rxcrm.domain.errors import Conflict, NotFound, ValidationFailed
from rxcrm.services.accounts.accounts import (
    AccountFilter,
    create_account,
    delete_account,
    get_account,
    is_favourite,
    list_accounts,
    set_favourite,
    update_account,
)
from tests.conftest import make_account, make_contact, make_opportunity, make_user


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


def test_favourites_are_per_user_and_filter_my_accounts(session: Session, rep) -> None:

    mine, other = make_account(session, name="Mine"), make_account(session, name="Other")
    colleague = make_user(session)
    set_favourite(session, rep, mine.id, True)
    set_favourite(session, rep, mine.id, True)
    assert is_favourite(session, rep, mine.id) and not is_favourite(session, colleague, mine.id)
    page = list_accounts(session, rep, AccountFilter(favourites_of=rep.id))
    assert [a.name for a in page.items] == ["Mine"] and page.total == 1
    set_favourite(session, rep, mine.id, False)
    assert list_accounts(session, rep, AccountFilter(favourites_of=rep.id)).total == 0
    assert other.id != mine.id


def test_private_account_is_seen_by_its_creator_only(session: Session, rep) -> None:
    from rxcrm.services.accounts.accounts import AccountFilter, create_account, get_account, list_accounts

    secret = create_account(session, rep, {"name": "Secret GmbH", "is_private": True})
    boss = make_user(session, role="admin")
    assert get_account(session, rep, secret.id).name == "Secret GmbH"
    assert list_accounts(session, boss, AccountFilter(q="secret")).total == 0
    with pytest.raises(NotFound):
        get_account(session, boss, secret.id)


def test_sub_account_cannot_become_parent_of_its_own_parent(session: Session, rep) -> None:
    from rxcrm.services.accounts.accounts import create_account, update_account

    group = create_account(session, rep, {"name": "Holding"})
    branch = create_account(session, rep, {"name": "Branch", "parent_id": group.id})
    with pytest.raises(ValidationFailed) as refused:
        update_account(session, rep, group.id, {"parent_id": branch.id})
    assert "parent_id" in refused.value.fields
    with pytest.raises(ValidationFailed):
        update_account(session, rep, group.id, {"parent_id": group.id})


def test_person_account_is_named_first_then_last_and_drops_company_fields(session: Session, rep) -> None:

    account = create_account(session, rep, {"name": "Acme", "vat_no": "DE123"})
    update_account(session, rep, account.id, {"type": "person", "first_name": "Ada", "last_name": "Lovelace"})
    assert (account.name, account.vat_no, account.type) == ("Ada Lovelace", None, "person")
