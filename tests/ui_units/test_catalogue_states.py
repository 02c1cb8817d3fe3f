"""The catalogue pages' states: no data without access, read-only for reps, live bundle shares."""

from __future__ import annotations

import reflex as rx
from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.services.commerce.price_books import create_price_book
from rxcrm.ui.commerce.bundle_state import BundleState
from rxcrm.ui.commerce.price_books import PriceBooksState
from tests.conftest import make_user
from tests.ui_units.logged_in import logged_in_state


def _state(session: Session, user: User, cls: type) -> rx.State:
    return logged_in_state(session, user, cls, "catalogue-test")


def test_a_partner_gets_a_no_access_note_and_no_price_books(
    app_database: Engine, session: Session, admin
) -> None:  # noqa: ANN001
    create_price_book(session, admin, {"name": "Secret prices"})
    partner = make_user(session, role="partner")
    state = _state(session, partner, PriceBooksState)
    PriceBooksState.load.fn(state)
    assert state.rows == [] and "may not see price books" in state.no_access


def test_a_rep_reads_price_books_without_the_new_button(
    app_database: Engine, session: Session, admin, rep
) -> None:  # noqa: ANN001
    create_price_book(session, admin, {"name": "Standard 2026"})
    state = _state(session, rep, PriceBooksState)
    PriceBooksState.load.fn(state)
    assert [r["name"] for r in state.rows] == ["Standard 2026"]
    assert (state.no_access, state.may_add, state.may_edit) == ("", False, False)


def test_the_bundle_editor_shows_shares_that_add_up_while_typing(
    app_database: Engine, session: Session, admin
) -> None:  # noqa: ANN001
    state = _state(session, admin, BundleState)
    state.draft_price = "10.00"
    state.draft_items = [{"entry_id": str(i), "label": "", "weight": "1"} for i in (1, 2, 3)]
    assert state.draft_shares == ["3.34", "3.33", "3.33"] and state.draft_total == "10.00"
    state.draft_items = [*state.draft_items[:2], {"entry_id": "3", "label": "", "weight": "abc"}]
    assert state.draft_shares == ["—", "—", "—"]
