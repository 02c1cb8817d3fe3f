"""Sessions end when an admin changes a user's password or deactivates the user; dead ones are purged."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, func, select

from rxcrm.db.models import AuthSession, User
from rxcrm.db.types import utcnow
from rxcrm.domain.errors import Unauthorized
from rxcrm.services.people.auth import log_in, user_for_token
from rxcrm.services.people.users import update_user


def _open_session(session: Session, user: User) -> str:
    token, _ = log_in(session, user.email, "secret-password")
    session.flush()
    return token


@pytest.mark.parametrize(
    "changes", [[{"password": "a-new-password-1"}], [{"active": False}, {"active": True}]]
)
def test_a_password_change_or_deactivation_by_an_admin_ends_the_users_sessions_for_good(
    session: Session, admin: User, rep: User, changes: list[dict]
) -> None:
    tokens = [_open_session(session, rep) for _ in range(2)]
    for change in changes:
        update_user(session, admin, rep.id, change)
        session.flush()
    session.expire_all()
    for token in tokens:
        with pytest.raises(Unauthorized):
            user_for_token(session, token)


def test_other_changes_keep_the_users_sessions(session: Session, admin: User, rep: User) -> None:
    token = _open_session(session, rep)
    update_user(session, admin, rep.id, {"name": "Rita Renamed"})
    session.flush()
    session.expire_all()
    assert user_for_token(session, token).id == rep.id


def test_logging_in_purges_expired_sessions_and_the_users_revoked_ones(
    session: Session, admin: User, rep: User
) -> None:
    past = utcnow() - timedelta(hours=1)
    session.add(AuthSession(user_id=admin.id, token_hash="a" * 64, expires_at=past))
    session.add(
        AuthSession(user_id=rep.id, token_hash="b" * 64, expires_at=utcnow() + timedelta(1), revoked=True)
    )
    session.add(
        AuthSession(user_id=admin.id, token_hash="c" * 64, expires_at=utcnow() + timedelta(1), revoked=True)
    )
    session.flush()
    _open_session(session, rep)
    hashes = set(session.exec(select(AuthSession.token_hash)).all())
    assert "a" * 64 not in hashes and "b" * 64 not in hashes
    assert "c" * 64 in hashes  # another user's revoked session goes at that user's next login
    assert session.exec(select(func.count()).select_from(AuthSession)).one() == 2
