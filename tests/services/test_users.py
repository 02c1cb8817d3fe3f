"""User management and login: admins only, unique e-mails, revocable tokens."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from rxcrm.domain.errors import Conflict, Forbidden, Unauthorized
from rxcrm.services.people.auth import log_in, log_out, token_expires_at, user_for_token
from rxcrm.services.people.users import create_user, list_users
from tests.conftest import make_user


def test_list_users_narrows_to_one_role(session: Session, admin, rep) -> None:
    make_user(session, role="director", name="Dan Director")
    assert [u.name for u in list_users(session, rep, role="director").items] == ["Dan Director"]
    assert list_users(session, rep).total == 3


def test_e_mails_are_unique_whatever_their_case(session: Session, admin, rep) -> None:
    with pytest.raises(Conflict):
        create_user(
            session, admin, {"email": " Rita@Example.COM", "name": "Rita Two", "password": "long-enough"}
        )


def test_only_admins_add_users(session: Session, rep) -> None:
    with pytest.raises(Forbidden):
        create_user(session, rep, {"email": "x@example.com", "name": "X", "password": "long-enough"})


def test_a_logged_out_token_stops_working(session: Session, rep) -> None:
    token, user = log_in(session, "rita@example.com", "secret-password")
    assert user_for_token(session, token) is rep
    assert token_expires_at(session, token) is not None and token_expires_at(session, "forged") is None
    log_out(session, token)
    with pytest.raises(Unauthorized):
        user_for_token(session, token)


def test_a_partner_user_knows_only_the_names_of_his_partners_users(session) -> None:
    from rxcrm.services.people.users import user_names
    from tests.conftest import make_partner, make_user

    partner = make_partner(session)
    staff = make_user(session, name="Internal Irene")
    colleague = make_user(session, role="partner", partner_id=partner.id, name="Partner Pat")
    viewer = make_user(session, role="partner", partner_id=partner.id, name="Partner Paula")
    assert user_names(session, viewer) == {colleague.id: "Partner Pat", viewer.id: "Partner Paula"}
    assert user_names(session, staff)[staff.id] == "Internal Irene"
    assert viewer.id in user_names(session, staff)
