"""Every page state's `load` runs for an admin and a rep: a refusal is a toast, never an unexpected error."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
import reflex as rx
from sqlmodel import Session

import rxcrm.ui
from rxcrm.db.models import User
from rxcrm.services.system.demo import seed_demo
from rxcrm.ui.routes import LOGIN
from tests.ui_units.event_loop import run_alone
from tests.ui_units.logged_in import logged_in_state


def _page_states() -> list[type[rx.State]]:
    """The app's states that load a page (a `load` event without arguments), in module order."""
    for info in pkgutil.walk_packages(rxcrm.ui.__path__, "rxcrm.ui."):
        importlib.import_module(info.name)
    found = []
    for cls in dict.fromkeys(_subclasses(rx.State)):
        handler = cls.event_handlers.get("load")
        ours = cls.__module__.startswith("rxcrm.ui.") and not cls._mixin
        if ours and handler is not None and len(inspect.signature(handler.fn).parameters) == 1:
            found.append(cls)
    return sorted(found, key=lambda c: (c.__module__, c.__name__))


def _subclasses(cls: type) -> list[type]:
    direct = cls.__subclasses__()
    return [*direct, *(s for d in direct for s in _subclasses(d))]


PAGE_STATES = _page_states()
NEEDS_A_RECORD = {"AccountRelationsState", "ContactChannelsState", "PriceBookState"}


def test_the_page_states_are_found() -> None:
    assert len(PAGE_STATES) >= 40, [c.__name__ for c in PAGE_STATES]


@pytest.mark.usefixtures("app_database")
@pytest.mark.parametrize("role", ["admin", "rep"])
def test_every_page_state_loads_with_demo_data(session: Session, admin: User, rep: User, role: str) -> None:
    seed_demo(session, accounts=12, contacts=20, deals=15)
    session.commit()
    user = admin if role == "admin" else rep
    refused = set()
    for cls in PAGE_STATES:
        state = logged_in_state(session, user, cls, f"loads-{role}")
        outcome = cls.load.fn(state)
        said = repr(run_alone(outcome) if inspect.iscoroutine(outcome) else outcome)
        if '["error"]' in said or LOGIN in said:
            refused.add(cls.__name__)
    # only record pages opened here without a record in the address, and admin-only pages, refuse
    assert refused == NEEDS_A_RECORD | ({"PipelinesState"} if role == "rep" else set())
