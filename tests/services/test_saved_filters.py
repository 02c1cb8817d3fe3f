"""Saved filters: sharing with a role, role and own defaults, and no widening of access."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from rxcrm.db.models import Follower
from rxcrm.domain.errors import Conflict, Forbidden, NotFound, ValidationFailed
from rxcrm.services.accounts.accounts import list_accounts
from rxcrm.services.pipeline.opportunities import list_opportunities
from rxcrm.services.records.saved_filters import (
    account_filter,
    create_saved_filter,
    default_filter_for,
    delete_saved_filter,
    get_saved_filter,
    list_saved_filters,
    opportunity_filter,
    set_role_default,
    update_saved_filter,
)
from tests.conftest import make_account, make_opportunity, make_user


def _save(session: Session, user, name: str, entity: str = "account", **kw):
    return create_saved_filter(session, user, {"entity": entity, "name": name, "params": {}, **kw})


def test_a_filter_shared_with_a_role_is_seen_by_that_role_only(session: Session, rep) -> None:
    colleague = make_user(session, role="rep")
    director = make_user(session, role="director")
    shared = _save(session, rep, "Key accounts", params={"key_account": True}, shared_with_role="rep")
    _save(session, rep, "Mine only")
    assert [f.name for f in list_saved_filters(session, rep, "account")] == ["Key accounts", "Mine only"]
    assert [f.name for f in list_saved_filters(session, colleague, "account")] == ["Key accounts"]
    assert list_saved_filters(session, director, "account") == []
    assert list_saved_filters(session, colleague, "opportunity") == []
    with pytest.raises(NotFound):
        get_saved_filter(session, director, shared.id)


def test_a_shared_filter_cannot_be_changed_by_the_colleagues_it_is_shared_with(session: Session, rep) -> None:
    colleague = make_user(session, role="rep")
    shared = _save(session, rep, "Berlin", params={"q": "berlin"}, shared_with_role="rep")
    with pytest.raises(Forbidden):
        update_saved_filter(session, colleague, shared.id, {"name": "Mine now"})
    with pytest.raises(Forbidden):
        delete_saved_filter(session, colleague, shared.id)
    update_saved_filter(session, rep, shared.id, {"name": "Berlin area"})
    assert get_saved_filter(session, colleague, shared.id).name == "Berlin area"


def test_an_admin_deletes_any_filter_he_sees(session: Session, rep, admin) -> None:
    shared = _save(session, rep, "Shared with admins", shared_with_role="admin")
    delete_saved_filter(session, admin, shared.id)
    assert list_saved_filters(session, rep, "account") == []


def test_names_are_unique_per_user_and_list(session: Session, rep) -> None:
    _save(session, rep, "Hot")
    _save(session, rep, "Hot", entity="opportunity")
    _save(session, make_user(session), "Hot")
    with pytest.raises(Conflict):
        _save(session, rep, "Hot")


def test_bad_parameters_are_refused_with_the_field_named(session: Session, rep) -> None:
    with pytest.raises(ValidationFailed) as refused:
        _save(session, rep, "Odd", params={"stage_id": 3}, sort="-revenue")
    assert set(refused.value.fields) == {"params.stage_id", "sort"}
    saved = _save(session, rep, "Deals", entity="opportunity", params={"stage_id": 3}, sort="-amount")
    with pytest.raises(ValidationFailed):
        update_saved_filter(session, rep, saved.id, {"entity": "account"})


def test_the_role_default_is_applied_and_only_admins_choose_it(session: Session, rep, admin) -> None:
    director = make_user(session, role="director")
    mine = _save(session, admin, "My accounts", params={"owner_id": "me"})
    with pytest.raises(Forbidden):
        _save(session, director, "Big ones", default_for_role="rep")
    his = _save(session, director, "His view")
    with pytest.raises(Forbidden):
        set_role_default(session, director, his.id, "rep")
    set_role_default(session, admin, mine.id, "rep")
    assert default_filter_for(session, rep, "account").id == mine.id
    assert default_filter_for(session, director, "account") is None
    assert [f.name for f in list_saved_filters(session, rep, "account")] == ["My accounts"]
    assert account_filter(mine.params, rep).owner_id == rep.id


def test_a_new_role_default_replaces_the_previous_one(session: Session, rep, admin) -> None:
    first = _save(session, admin, "First", default_for_role="rep")
    second = _save(session, admin, "Second", default_for_role="rep")
    assert default_filter_for(session, rep, "account").id == second.id
    assert get_saved_filter(session, admin, first.id).default_for_role is None


def test_the_users_own_default_wins_over_the_role_default(session: Session, rep, admin) -> None:
    _save(session, admin, "Team view", default_for_role="rep")
    old = _save(session, rep, "Old favourite", is_default=True)
    own = _save(session, rep, "My view", is_default=True)
    assert default_filter_for(session, rep, "account").id == own.id
    assert get_saved_filter(session, rep, old.id).is_default is False
    update_saved_filter(session, rep, own.id, {"is_default": False})
    assert default_filter_for(session, rep, "account").name == "Team view"


def test_a_shared_filter_never_widens_access(session: Session, admin) -> None:
    otto = make_user(session, name="Otto", role="rep")
    limited = make_user(session, role="rep", access_level="limited_crm")
    followed = make_account(session, name="Otto Followed", owner_id=otto.id)
    make_account(session, name="Otto Hidden", owner_id=otto.id)
    make_account(session, name="Someone else's", owner_id=admin.id)
    session.add(Follower(entity="account", entity_id=followed.id, user_id=limited.id))
    session.flush()
    by_otto = _save(
        session, admin, "All accounts of Otto", params={"owner_id": otto.id}, shared_with_role="rep"
    )

    params = get_saved_filter(session, limited, by_otto.id).params
    seen = list_accounts(session, limited, account_filter(params, limited))
    assert [a.name for a in seen.items] == ["Otto Followed"]
    everything = list_accounts(session, admin, account_filter(params, admin))
    assert [a.name for a in everything.items] == ["Otto Followed", "Otto Hidden"]


def test_an_opportunity_filter_narrows_by_status_and_owner_me(session: Session, rep) -> None:
    make_opportunity(session, rep, name="Mine open")
    make_opportunity(session, rep, name="Mine won", status="won")
    make_opportunity(session, make_user(session), name="Other open")
    saved = _save(session, rep, "My open", entity="opportunity", params={"owner_id": "me", "status": "open"})
    page = list_opportunities(session, rep, opportunity_filter(saved.params, rep))
    assert [o.name for o in page.items] == ["Mine open"]
