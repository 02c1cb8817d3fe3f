"""A page state as a logged-in user's browser holds it: a fresh state tree with a valid session token."""

from __future__ import annotations

from datetime import timedelta
from typing import TypeVar

import reflex as rx
from sqlmodel import Session, select

from rxcrm.db.models import AuthSession, User
from rxcrm.db.types import utcnow
from rxcrm.services.people.auth import token_digest

S = TypeVar("S")


def live_token(session: Session, user: User, token: str) -> str:
    """The token, made a live session of `user` for a day (once; a second call reuses it); committed."""
    digest = token_digest(token)
    if session.exec(select(AuthSession).where(AuthSession.token_hash == digest)).first() is None:
        session.add(AuthSession(user_id=user.id, token_hash=digest, expires_at=utcnow() + timedelta(1)))
    session.commit()
    return token


def fresh_state(cls: type[S], token: str) -> S:
    """The `cls` substate of a fresh state tree that holds the token."""
    root = rx.State(_reflex_internal_init=True)
    state = root.get_substate(cls.get_full_name().split(".")[1:])
    state.token = token
    return state


def logged_in_state(session: Session, user: User, cls: type, label: str) -> rx.State:
    """The `cls` substate of a fresh state tree whose token is a live session of `user`."""
    return fresh_state(cls, live_token(session, user, f"{label}-{user.id}-{cls.__name__}"))
