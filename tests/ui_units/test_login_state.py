"""The login form: argon2 runs in a worker thread, and a locked account is told when to try again."""

from __future__ import annotations

import threading
from typing import Any

import pytest
import reflex as rx
from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.people.login_throttle import ACCOUNT_LIMIT
from rxcrm.ui import state as state_module
from rxcrm.ui.state import LoginState
from tests.ui_units.event_loop import run_alone


def _form() -> LoginState:
    root = rx.State(_reflex_internal_init=True)
    return root.get_substate(LoginState.get_full_name().split(".")[1:])


def _submit(form: LoginState, email: str, password: str) -> Any:
    return run_alone(LoginState.submit.fn(form, {"email": email, "password": password}))


def test_the_password_is_checked_in_a_worker_thread(
    app_database: Engine, session: Session, rep: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    session.commit()
    threads: list[threading.Thread] = []
    real = state_module.log_in

    def spy(*args: Any) -> Any:
        threads.append(threading.current_thread())
        return real(*args)

    monkeypatch.setattr(state_module, "log_in", spy)
    form = _form()
    _submit(form, rep.email, "secret-password")
    assert form.error == "" and form.token and form.user_id == rep.id
    assert threads and threads[0] is not threading.main_thread()


def test_a_locked_account_is_told_to_wait_even_with_the_right_password(
    app_database: Engine, session: Session, rep: User
) -> None:
    session.commit()
    form = _form()
    for _ in range(ACCOUNT_LIMIT):
        _submit(form, rep.email, "wrong-password")
        assert form.error == "Wrong e-mail or password."
    _submit(form, rep.email, "secret-password")
    assert form.error.startswith("Too many failed logins. Try again in")
    assert form.token == ""
