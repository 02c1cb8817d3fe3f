"""A page state as a logged-in user's browser holds it: a fresh state tree with a valid session token."""

from __future__ import annotations

from datetime import timedelta

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import AuthSession, User
from rxcrm.db.types import utcnow
from rxcrm.services.people.auth import token_digest


def logged_in_state(session: Session, user: User, cls: type, label: str) -> rx.State:
    """The `cls` substate of a fresh state tree whose token is a live session of `user`."""
    token = f"{label}-{user.id}-{cls.__name__}"
    session.add(
        AuthSession(user_id=user.id, token_hash=token_digest(token), expires_at=utcnow() + timedelta(1))
    )
    session.commit()
    root = rx.State(_reflex_internal_init=True)
    state = root.get_substate(cls.get_full_name().split(".")[1:])
    state.token = token
    return state
