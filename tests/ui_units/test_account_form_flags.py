"""The account form offers the private and global flags only to users who may set them (spec §1.5)."""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxcrm.db.models import Account, User
from rxcrm.ui.accounts.account_form import AccountFormState
from tests.conftest import make_account, make_user
from tests.ui_units.logged_in import fresh_state, live_token


def _form(session: Session, user: User) -> AccountFormState:
    return fresh_state(AccountFormState, live_token(session, user, f"account-form-test-{user.id}"))


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
