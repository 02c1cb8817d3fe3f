"""List pages: a column whose field is hidden from the user has a plain header and never sorts."""

from __future__ import annotations

import pytest
import reflex as rx
from sqlalchemy.engine import Engine
from sqlmodel import Session

import rxcrm.db.session as db_session
from rxcrm.db.models import User
from rxcrm.services.people.field_visibility import limit_field
from rxcrm.ui.accounts.accounts import AccountsState
from rxcrm.ui.commerce.contract_state import ContractsState
from rxcrm.ui.components.lists import sort_header
from rxcrm.ui.pipeline.opportunities import OpportunitiesState
from tests.ui_units.logged_in import logged_in_state


@pytest.fixture
def limited(engine: Engine, monkeypatch: pytest.MonkeyPatch, session: Session, admin: User) -> None:
    """The UI's units of work run on the test database; amounts and cities only for directors."""
    monkeypatch.setattr(db_session, "engine", lambda: engine)
    limit_field(session, admin, "opportunity", "amount", ["director"])
    limit_field(session, admin, "account", "city", ["director"])
    session.commit()


def _state(session: Session, user: User, cls: type) -> rx.State:
    return logged_in_state(session, user, cls, "hidden-sort")


@pytest.fixture
def rep_deals(limited: None, session: Session, rep: User) -> rx.State:
    """The opportunities page of a sales rep, who may not see amounts."""
    return _state(session, rep, OpportunitiesState)


def test_a_hidden_field_is_not_sortable_and_a_sort_by_it_falls_back(rep_deals: rx.State) -> None:
    rep_deals.sort = "-amount"  # e.g. from a saved view made before the field was limited
    assert OpportunitiesState.load.fn(rep_deals) is None  # no "cannot be sorted" toast
    assert "amount" in rep_deals.hidden_columns and rep_deals.sort == "-updated_at"
    OpportunitiesState.sort_by.fn(rep_deals, "amount")
    assert rep_deals.sort == "-updated_at"
    OpportunitiesState.sort_by.fn(rep_deals, "name")
    assert rep_deals.sort == "name"


def test_each_list_page_hides_the_sort_of_its_own_limited_fields(
    limited: None, session: Session, admin: User, rep: User
) -> None:
    accounts = _state(session, rep, AccountsState)
    AccountsState.load.fn(accounts)
    contracts = _state(session, rep, ContractsState)
    ContractsState.load.fn(contracts)
    assert "city" in accounts.hidden_columns and contracts.hidden_columns == ["amount"]
    mine = _state(session, admin, OpportunitiesState)
    OpportunitiesState.load.fn(mine)
    assert mine.hidden_columns == []


def test_the_header_of_a_hidden_column_is_plain_text() -> None:
    header = str(
        sort_header(
            "Amount",
            "amount",
            OpportunitiesState.sort,
            OpportunitiesState.sort_by,
            OpportunitiesState.hidden_columns,
        )
    )
    assert "header-amount" in header and "sort-amount" in header and "includes" in header
    always = str(sort_header("Amount", "amount", OpportunitiesState.sort, OpportunitiesState.sort_by))
    assert "sort-amount" in always and "header-amount" not in always
