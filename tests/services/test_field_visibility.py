"""Spec §1.7: a field limited to some roles is hidden from everyone else, in lists, detail and history."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from rxcrm.domain.errors import Forbidden, ValidationFailed
from rxcrm.services.accounts.account_rows import account_data, account_rows
from rxcrm.services.accounts.accounts import AccountFilter, create_account, list_accounts, update_account
from rxcrm.services.people.field_visibility import VIEWER, hidden_fields, limit_field
from rxcrm.services.records.history import history_of
from rxcrm.services.records.search import global_search
from rxcrm.services.records.timeline_rows import history_rows
from tests.conftest import make_user


def test_limited_field_is_hidden_from_other_roles_and_shown_to_named_ones(
    session: Session, admin, rep
) -> None:
    director = make_user(session, role="director")
    limit_field(session, admin, "account", "vat_no", ["director"])
    assert hidden_fields(session, rep, "account") == {"vat_no"}
    assert hidden_fields(session, director, "account") == set()
    assert hidden_fields(session, admin, "account") == set()
    limit_field(session, admin, "account", "vat_no", [], [rep.id])
    assert hidden_fields(session, rep, "account") == set()
    assert hidden_fields(session, director, "account") == {"vat_no"}


def test_ui_read_models_leave_hidden_fields_out(session: Session, admin, rep) -> None:
    account = create_account(session, rep, {"name": "Acme", "email": "a@acme.example", "city": "Graz"})
    update_account(session, rep, account.id, {"email": "b@acme.example"})
    limit_field(session, admin, "account", "email", ["director"])
    session.info[VIEWER] = rep
    assert account_rows(session, [account])[0]["email"] == ""
    assert "email" not in {r["key"] for r in account_data(session, account)}
    history = history_rows(session, history_of(session, "account", account.id))
    assert all(r["field"] not in ("email", "E-mail") for r in history)
    session.info[VIEWER] = admin
    assert account_rows(session, [account])[0]["email"] == "b@acme.example"


def test_only_admins_limit_known_fields(session: Session, admin, rep) -> None:
    with pytest.raises(Forbidden):
        limit_field(session, rep, "account", "email", ["director"])
    with pytest.raises(ValidationFailed) as refused:
        limit_field(session, admin, "account", "name", ["director"])
    assert "field" in refused.value.fields
    with pytest.raises(ValidationFailed):
        limit_field(session, admin, "account", "email", ["emperor"])


def test_hidden_field_cannot_be_found_through_search(session: Session, admin, rep) -> None:
    create_account(session, admin, {"name": "Quiet GmbH", "email": "secret-lead@quiet.example"})
    limit_field(session, admin, "account", "email", ["director"])
    assert list_accounts(session, rep, AccountFilter(q="secret-lead")).total == 0
    assert global_search(session, rep, "secret-lead") == []
    assert list_accounts(session, admin, AccountFilter(q="secret-lead")).total == 1


def test_linked_account_names_show_only_accounts_the_viewer_may_see(session: Session, admin, rep) -> None:
    hidden = create_account(session, admin, {"name": "Hush Holding", "is_private": True})
    branch = create_account(session, admin, {"name": "Open Branch", "parent_id": hidden.id})
    session.info[VIEWER] = rep
    parent = next(r for r in account_data(session, branch) if r["key"] == "parent")
    assert parent["value"] == "(not visible to you)"
    session.info[VIEWER] = admin
    assert next(r for r in account_data(session, branch) if r["key"] == "parent")["value"] == "Hush Holding"
