"""The account form offers the private and global flags only to users who may set them (spec §1.5)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
import reflex as rx
from sqlalchemy.engine import Engine
from sqlmodel import Session

import rxcrm.db.session as db_session
from rxcrm.db.models import Account, AuthSession, User
from rxcrm.db.types import utcnow
from rxcrm.services.people.auth import token_digest
from rxcrm.ui.accounts.account_form import AccountFormState
from tests.conftest import make_account, make_user


@pytest.fixture
def app_database(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    """The UI's units of work run on the test database."""
    monkeypatch.setattr(db_session, "engine", lambda: engine)
    yield engine


def _form(session: Session, user: User) -> AccountFormState:
    token = f"account-form-test-{user.id}"
    session.add(
        AuthSession(user_id=user.id, token_hash=token_digest(token), expires_at=utcnow() + timedelta(1))
    )
    session.commit()
    root = rx.State(_reflex_internal_init=True)
    form = root.get_substate(AccountFormState.get_full_name().split(".")[1:])
    form.token = token
    return form


def test_a_rep_is_not_offered_the_global_flag_nor_private_on_a_colleagues_account(
    app_database: Engine, session: Session, rep
) -> None:
    colleague = make_user(session)
    account = make_account(session, owner_id=rep.id, created_by_id=colleague.id, is_global=True)
    form = _form(session, rep)
    AccountFormState.open_edit.fn(form, account.id)
    assert (form.may_set_private, form.may_set_global) == (False, False)
    AccountFormState.submit.fn(form, {"name": "Renamed", "owner_id": str(rep.id)})  # no flag checkboxes shown
    session.expire_all()
    saved = session.get(Account, account.id)
    assert (saved.name, saved.is_global, saved.is_private) == ("Renamed", True, False)
    assert form.errors == {}


def test_the_creator_is_offered_private_and_a_director_global(
    app_database: Engine, session: Session, rep
) -> None:
    director = make_user(session, role="director")
    account = make_account(session, owner_id=rep.id, created_by_id=rep.id)
    form = _form(session, rep)
    AccountFormState.open_edit.fn(form, account.id)
    assert (form.may_set_private, form.may_set_global) == (True, False)
    AccountFormState.open_new.fn(form)
    assert (form.may_set_private, form.may_set_global) == (True, False)
    boss_form = _form(session, director)
    AccountFormState.open_edit.fn(boss_form, account.id)
    assert (boss_form.may_set_private, boss_form.may_set_global) == (False, True)
    AccountFormState.submit.fn(boss_form, {"name": "Everywhere", "is_global": "on", "owner_id": str(rep.id)})
    session.expire_all()
    assert session.get(Account, account.id).is_global is True
