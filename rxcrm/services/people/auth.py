"""Logging in and out: argon2 password hashes and expiring, revocable session tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import bindparam
from sqlmodel import Session, delete, select, update

from rxcrm.db.models import AuthSession, User
from rxcrm.db.types import utcnow
from rxcrm.domain.errors import NotLoggedIn, Unauthorized
from rxcrm.domain.people.users import normalize_email
from rxcrm.services.people.login_throttle import login_throttle
from rxcrm.services.settings.toggles import current_settings

_hasher = PasswordHasher()
WRONG_CREDENTIALS = "Wrong e-mail or password."
# Built once: every UI event of a logged-in user runs it (open boards on every live move).
_SESSION_USER = (
    select(AuthSession, User)
    .join(User, User.id == AuthSession.user_id)
    .where(AuthSession.token_hash == bindparam("digest"))
)
_DUMMY_HASH = _hasher.hash("timing-equaliser")


def hash_password(password: str) -> str:
    """An argon2id hash of a password; the password itself is never stored."""
    return _hasher.hash(password)


def password_matches(password_hash: str, password: str) -> bool:
    """Whether a password fits its stored hash."""
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def token_digest(token: str) -> str:
    """Tokens and API keys are stored as SHA-256 digests only."""
    return hashlib.sha256(token.encode()).hexdigest()


def log_in(session: Session, email: str, password: str, ip: str | None = None) -> tuple[str, User]:
    """Check credentials and open a session; returns the bearer token (shown once) and the user.

    Failed logins are counted per account and per address (`ip`); while either is locked the
    login is refused with TooManyAttempts before the password is even checked.
    """
    throttle = login_throttle()
    throttle.check(email, ip)
    user = session.exec(select(User).where(User.email == normalize_email(email or ""))).first()
    if user is None:
        password_matches(_DUMMY_HASH, password or "")
    if user is None or not password_matches(user.password_hash, password or "") or not user.active:
        throttle.failed(email, ip)
        raise Unauthorized(WRONG_CREDENTIALS)
    throttle.succeeded(email)
    purge_dead_sessions(session, user.id)
    token = secrets.token_urlsafe(32)
    hours = current_settings(session)["session_hours"]
    session.add(
        AuthSession(
            user_id=user.id, token_hash=token_digest(token), expires_at=utcnow() + timedelta(hours=hours)
        )
    )
    user.last_login_at = utcnow()
    session.add(user)
    return token, user


def purge_dead_sessions(session: Session, user_id: int) -> int:
    """Delete every expired session and this user's revoked ones (run at each login); the count."""
    revoked = (AuthSession.user_id == user_id) & AuthSession.revoked.is_(True)
    result = session.exec(delete(AuthSession).where((AuthSession.expires_at <= utcnow()) | revoked))
    return result.rowcount or 0


def revoke_sessions(session: Session, user_id: int) -> None:
    """End every open session of a user at once (password changed, user deactivated)."""
    session.exec(
        update(AuthSession)
        .where(AuthSession.user_id == user_id, AuthSession.revoked.is_(False))
        .values(revoked=True)
    )


def user_for_token(session: Session, token: str | None) -> User:
    """The active user behind an unexpired, unrevoked session token."""
    if not token:
        raise NotLoggedIn("Please log in.")
    row = session.exec(_SESSION_USER, params={"digest": token_digest(token)}).first()
    if row is None or row[0].revoked or row[0].expires_at <= utcnow() or not row[1].active:
        raise Unauthorized("Your session has expired; please log in again.")
    return row[1]


def log_out(session: Session, token: str | None) -> None:
    """End a session: its token stops working at once."""
    if not token:
        return
    login = session.exec(select(AuthSession).where(AuthSession.token_hash == token_digest(token))).first()
    if login is not None:
        login.revoked = True
        session.add(login)


def token_expires_at(session: Session, token: str) -> datetime | None:
    """When a session token stops working, or None for an unknown token."""
    login = session.exec(select(AuthSession).where(AuthSession.token_hash == token_digest(token))).first()
    return login.expires_at if login is not None else None
