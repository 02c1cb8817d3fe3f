"""Settings grids change the stored rows, not the page's copy: two admins' ticks both stay."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.services.people.field_visibility import list_rules
from rxcrm.services.pipeline.board import card_fields
from rxcrm.ui.settings.configuration import ConfigurationState
from rxcrm.ui.settings.state import SettingsState
from tests.ui_units.logged_in import logged_in_state


def two_loaded_pages(session: Session, admin: User, state: type) -> tuple:
    """Two pages of one settings state, both loaded before either changes anything."""
    first, second = (logged_in_state(session, admin, state, page) for page in ("one", "two"))
    state.load.fn(first)
    state.load.fn(second)
    return first, second


@pytest.mark.usefixtures("app_database")
def test_two_admins_ticking_field_roles_from_pages_opened_before_both_count(
    session: Session, admin: User
) -> None:
    first, second = two_loaded_pages(session, admin, SettingsState)
    SettingsState.set_field_role.fn(first, "account.vat_no.director", True)
    SettingsState.set_field_role.fn(second, "account.vat_no.rep", True)  # its grid predates the first tick
    session.expire_all()
    rules = {(r.entity, r.field): r.roles for r in list_rules(session, admin)}
    assert rules[("account", "vat_no")] == ["director", "rep"]
    assert second.field_cells["account.vat_no.director"] and second.field_cells["account.vat_no.rep"]


@pytest.mark.usefixtures("app_database")
def test_two_admins_choosing_card_fields_from_pages_opened_before_both_count(
    session: Session, admin: User
) -> None:
    first, second = two_loaded_pages(session, admin, ConfigurationState)
    ConfigurationState.show_card_field.fn(first, "contact", True)
    ConfigurationState.show_card_field.fn(second, "probability", True)  # its list predates the first
    session.expire_all()
    assert {"contact", "probability"} <= set(card_fields(session))
    assert second.card_fields == list(card_fields(session))
