"""Spec §1.6: the roles-and-permissions matrix is editable by admins and enforced everywhere."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from rxcrm.domain.errors import Forbidden, NotFound, ValidationFailed
from rxcrm.services.accounts.accounts import (
    AccountFilter,
    create_account,
    delete_account,
    get_account,
    list_accounts,
)
from rxcrm.services.people.permissions import can, permission_matrix, set_permission
from rxcrm.services.records.history import history_of
from rxcrm.services.records.search import global_search
from tests.conftest import make_account


def test_defaults_let_reps_work_records_and_only_view_price_books(session: Session, rep) -> None:
    matrix = permission_matrix(session, rep)
    assert matrix["rep"]["accounts"] == ["view", "add", "edit", "delete"]
    assert matrix["rep"]["price_books"] == ["view"]
    assert matrix["partner"]["contracts"] == []
    assert matrix["director"]["campaigns"] == ["view", "add", "edit", "delete"]


def test_admin_forbids_reps_to_delete_accounts_and_it_is_enforced(session: Session, admin, rep) -> None:
    account = create_account(session, rep, {"name": "Keep me"})
    set_permission(session, admin, "rep", "accounts", "delete", False)
    with pytest.raises(Forbidden) as refused:
        delete_account(session, rep, account.id)
    assert "may not delete accounts" in refused.value.message
    assert get_account(session, rep, account.id).name == "Keep me"
    assert history_of(session, "permissions", 1)[0]["field"] == "rep.accounts.delete"


def test_without_view_permission_accounts_vanish_from_lists_search_and_lookups(
    session: Session, admin, rep
) -> None:
    account = make_account(session, name="Invisible Inc")
    set_permission(session, admin, "rep", "accounts", "view", False)
    assert list_accounts(session, rep, AccountFilter()).total == 0
    assert global_search(session, rep, "Invisible") == []
    with pytest.raises(NotFound):
        get_account(session, rep, account.id)
    assert list_accounts(session, admin, AccountFilter()).total == 1


def test_adding_requires_the_add_permission(session: Session, admin, rep) -> None:
    set_permission(session, admin, "rep", "accounts", "add", False)
    assert not can(session, rep, "accounts", "add")
    with pytest.raises(Forbidden):
        create_account(session, rep, {"name": "New"})


def test_only_admins_change_the_matrix_and_the_admin_row_is_fixed(session: Session, admin, rep) -> None:
    with pytest.raises(Forbidden):
        set_permission(session, rep, "rep", "accounts", "delete", False)
    with pytest.raises(ValidationFailed) as refused:
        set_permission(session, admin, "admin", "accounts", "delete", False)
    assert "role" in refused.value.fields
    with pytest.raises(ValidationFailed):
        set_permission(session, admin, "rep", "spaceships", "view", True)
