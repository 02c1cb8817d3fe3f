"""The UI's one action frame: a unit of work as the logged-in user, refusals as toasts, event args intact."""

from __future__ import annotations

import asyncio

import reflex as rx
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxcrm.db.models import Project, User
from rxcrm.domain.errors import ValidationFailed
from rxcrm.ui.actions import OUTCOME_TOAST, action, success_toast
from rxcrm.ui.state import AppState
from tests.ui_units.event_loop import run_alone
from tests.ui_units.logged_in import logged_in_state


class ActionFrameProbe(AppState):
    """A state whose handlers use the frame (test only)."""

    seen: str = ""

    @rx.event
    @action(reload="show")
    def add(self, session: Session, user: User, name: str, fail: bool = False):
        """Store a project; `fail` refuses after the write."""
        session.add(Project(name=name))
        session.flush()
        if fail:
            raise ValidationFailed.from_fields({"name": "is taken"})
        self.seen = f"{name} by {user.name}"
        return success_toast("Added.")

    @rx.event
    @action
    async def count(self, session: Session, user: User, prefix: str):
        """An async handler in the frame."""
        await asyncio.sleep(0)
        self.seen = f"{prefix}{len(session.exec(select(Project)).all())}"

    @rx.event
    def show(self):
        """The handler `reload` names."""


def _projects(session: Session) -> list[str]:
    session.expire_all()
    return [p.name for p in session.exec(select(Project)).all()]


def test_the_handler_reflex_sees_has_only_the_event_arguments() -> None:
    assert list(ActionFrameProbe.add.get_parameters()) == ["self", "name", "fail"]
    assert set(ActionFrameProbe.add._get_type_hints()) == {"name", "fail"}
    assert list(ActionFrameProbe.count.get_parameters()) == ["self", "prefix"]
    assert ActionFrameProbe.count._is_coroutine_function
    assert ActionFrameProbe.add("x").args  # the event spec builds from the event arguments alone


def test_success_commits_and_returns_the_methods_events(app_database: Engine, session: Session, rep) -> None:
    state = logged_in_state(session, rep, ActionFrameProbe, "frame")
    answer = ActionFrameProbe.add.fn(state, "Harbour")
    assert "Added." in str(answer)
    assert state.seen == f"Harbour by {rep.name}"
    assert "Harbour" in _projects(session)
    run_alone(ActionFrameProbe.count.fn(state, "n="))
    assert state.seen == f"n={len(_projects(session))}"


def test_a_refusal_rolls_back_and_toasts_then_reloads(app_database: Engine, session: Session, rep) -> None:
    state = logged_in_state(session, rep, ActionFrameProbe, "frame-fail")
    answer = ActionFrameProbe.add.fn(state, "Quay", fail=True)
    assert "Quay" not in _projects(session)
    toast, reload = answer
    assert OUTCOME_TOAST in str(toast) and "is taken" in str(toast)
    assert reload == ActionFrameProbe.show


def test_without_a_session_the_frame_leads_to_the_login(app_database: Engine, session: Session, rep) -> None:
    state = logged_in_state(session, rep, ActionFrameProbe, "frame-out")
    state.token = ""
    answer = ActionFrameProbe.add.fn(state, "Pier")
    assert "/login" in str(answer)
    assert "Pier" not in _projects(session)
    state.token = "not-a-session"
    assert run_alone(ActionFrameProbe.count.fn(state, "n=")) is not None
    assert state.seen == ""
