"""Logging in and out: argon2 password hashes and expiring, revocable session tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session, select

from rxcrm.db.models import AuthSession, User
from rxcrm.db.types import utcnow
from rxcrm.domain.errors import Unauthorized
from rxcrm.domain.people import normalize_email
from rxcrm.services.settings import current_settings

_hasher = PasswordHasher()
WRONG_CREDENTIALS = "Wrong e-mail or password."
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


def log_in(session: Session, email: str, password: str) -> tuple[str, User]:
    """Check credentials and open a session; returns the bearer token (shown once) and the user."""
    user = session.exec(select(User).where(User.email == normalize_email(email or ""))).first()
    if user is None:
        password_matches(_DUMMY_HASH, password or "")
        raise Unauthorized(WRONG_CREDENTIALS)
    if not password_matches(user.password_hash, password or "") or not user.active:
        raise Unauthorized(WRONG_CREDENTIALS)
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


def user_for_token(session: Session, token: str | None) -> User:
    """The active user behind an unexpired, unrevoked session token."""
    if not token:
        raise Unauthorized("Please log in.")
    row = session.exec(
        select(AuthSession, User)
        .join(User, User.id == AuthSession.user_id)
        .where(AuthSession.token_hash == token_digest(token))
    ).first()
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
