"""Running one user action from the UI: one unit of work as the logged-in user."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.db.session import unit_of_work
from rxcrm.domain.errors import DomainError, NotLoggedIn, Unauthorized
from rxcrm.services.auth import user_for_token
from rxcrm.services.field_visibility import VIEWER
from rxcrm.ui.routes import LOGIN


@contextmanager
def acting(token: str) -> Iterator[tuple[Session, User]]:
    """A transaction for the user behind a session token; committed if the block succeeds."""
    with unit_of_work() as session:
        user = user_for_token(session, token)
        session.info[VIEWER] = user
        yield session, user


def failure_toast(error: DomainError) -> rx.event.EventSpec | list[rx.event.EventSpec]:
    """Tell the user what went wrong and what to fix; an expired session leads back to the login."""
    if isinstance(error, NotLoggedIn):
        return rx.redirect(LOGIN)
    toast = rx.toast.error(error.message, duration=6000)
    if isinstance(error, Unauthorized):
        return [toast, rx.redirect(LOGIN)]
    return toast


def success_toast(message: str) -> rx.event.EventSpec:
    """Confirm a finished action."""
    return rx.toast.success(message, duration=3000)
