"""Running one user action from the UI: one unit of work as the logged-in user, refusals as toasts."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.errors import DomainError, NotLoggedIn, Unauthorized
from rxcrm.services.people.time_zones import showing_times_in
from rxcrm.services.units import unit_as
from rxcrm.ui.form_errors import failure_message
from rxcrm.ui.routes import LOGIN

# Failure and success of an action share one toast id, so a success replaces the red toast it fixes.
OUTCOME_TOAST = "action-outcome"
# The parameters `action` fills in after `self`: the unit of work and the acting user.
INJECTED = 2


@contextmanager
def acting(token: str, *, writer: bool = False) -> Iterator[tuple[Session, User]]:
    """A transaction for the user behind a session token (times in the user's zone); committed on success."""
    with unit_as(token, writer=writer) as (session, user), showing_times_in(user.time_zone):
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


def _failure(state: Any, error: DomainError, reload: str, refused: str) -> Any:
    """A failure's events: the toast (or the `refused` method's answer), then the `reload` handler."""
    events = getattr(state, refused)(error) if refused else failure_toast(error)
    if not reload:
        return events
    return [*(events if isinstance(events, list) else [events]), getattr(type(state), reload)]


def _event_face(wrapper: Callable[..., Any], fn: Callable[..., Any]) -> None:
    """Show Reflex only the event's own arguments: `self`, then what follows session and user."""
    signature = inspect.signature(fn)
    params = list(signature.parameters.values())
    injected = {p.name for p in params[1 : 1 + INJECTED]}
    wrapper.__signature__ = signature.replace(parameters=[params[0], *params[1 + INJECTED :]])  # type: ignore[attr-defined]
    wrapper.__annotations__ = {k: v for k, v in fn.__annotations__.items() if k not in injected}


def action(
    fn: Callable[..., Any] | None = None, *, reload: str = "", refused: str = "", writer: bool = False
) -> Any:
    """Run a state method as one unit of work of the logged-in user: the UI's one action frame.

    The method takes `session, user` after `self`; the handler Reflex sees keeps only the event's own
    arguments. On success the unit commits and the method's events are returned; a `DomainError`
    rolls back and becomes the failure toast (a missing session: the login page), or the answer of the
    state method named `refused` (e.g. a form's `_refused`: problems on their fields), followed by the
    state's `reload` handler when named. `writer`: a bulk write that queues for SQLite's write lock.
    Sync and async methods alike; put `@rx.event` above it.
    """

    def decorate(method: Callable[..., Any]) -> Callable[..., Any]:
        if inspect.iscoroutinefunction(method):

            @functools.wraps(method)
            async def run_async(self: Any, *args: Any, **kwargs: Any) -> Any:
                try:
                    with acting(self.token, writer=writer) as (session, user):
                        return await method(self, session, user, *args, **kwargs)
                except DomainError as exc:
                    return _failure(self, exc, reload, refused)

            _event_face(run_async, method)
            return run_async

        @functools.wraps(method)
        def run(self: Any, *args: Any, **kwargs: Any) -> Any:
            try:
                with acting(self.token, writer=writer) as (session, user):
                    return method(self, session, user, *args, **kwargs)
            except DomainError as exc:
                return _failure(self, exc, reload, refused)

        _event_face(run, method)
        return run

    return decorate(fn) if fn is not None else decorate
