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
from rxcrm.services.time_zones import showing_times_in
from rxcrm.ui.form_errors import failure_message
from rxcrm.ui.routes import LOGIN

# Failure and success of an action share one toast id, so a success replaces the red toast it fixes.
OUTCOME_TOAST = "action-outcome"


@contextmanager
def acting(token: str) -> Iterator[tuple[Session, User]]:
    """A transaction for the user behind a session token (times in the user's zone); committed on success."""
    with unit_of_work() as session:
        user = user_for_token(session, token)
        session.info[VIEWER] = user
        with showing_times_in(user.time_zone):
            yield session, user


def failure_toast(error: DomainError) -> rx.event.EventSpec | list[rx.event.EventSpec]:
    """Tell the user what went wrong and what to fix; an expired session leads back to the login."""
    if isinstance(error, NotLoggedIn):
        return rx.redirect(LOGIN)
    toast = rx.toast.error(failure_message(error), duration=6000, id=OUTCOME_TOAST)
    if isinstance(error, Unauthorized):
        return [toast, rx.redirect(LOGIN)]
    return toast


def success_toast(message: str) -> rx.event.EventSpec:
    """Confirm a finished action (in place of an earlier failure's toast, which it answers)."""
    return rx.toast.success(message, duration=3000, id=OUTCOME_TOAST)
