"""Settings: admins only, known keys and types, sub-toggles follow their parent (spec §1.2)."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from rxcrm.domain.errors import Forbidden, ValidationFailed
from rxcrm.services.records.history import history_of
from rxcrm.services.settings.toggles import (
    SETTINGS_ENTITY,
    SETTINGS_RECORD_ID,
    current_settings,
    update_settings,
)

PARENT = "decouple_contact_opportunity_owners"
CHILDREN = (
    "update_contact_followers_on_opportunity_owner_change",
    "update_opportunity_followers_on_contact_owner_change",
)


def test_child_toggle_is_refused_while_parent_is_off(session: Session, admin) -> None:
    with pytest.raises(ValidationFailed) as refused:
        update_settings(session, admin, {CHILDREN[0]: True})
    assert set(refused.value.fields) == {CHILDREN[0]}
    assert current_settings(session)[CHILDREN[0]] is False


def test_children_are_switched_off_with_their_parent(session: Session, admin) -> None:
    update_settings(session, admin, {PARENT: True, CHILDREN[0]: True, CHILDREN[1]: True})
    after = update_settings(session, admin, {PARENT: False})
    stored = current_settings(session)
    assert [after[k] for k in (PARENT, *CHILDREN)] == [False, False, False]
    assert [stored[k] for k in (PARENT, *CHILDREN)] == [False, False, False]


def test_a_rep_cannot_change_settings(session: Session, rep) -> None:
    with pytest.raises(Forbidden):
        update_settings(session, rep, {"second_account_manager": True})


def test_setting_changes_are_kept_in_history(session: Session, admin) -> None:
    update_settings(session, admin, {"board_currency": "USD", "second_account_manager": False})
    history = history_of(session, SETTINGS_ENTITY, SETTINGS_RECORD_ID)
    assert [(h["field"], h["old"], h["new"]) for h in history] == [("board_currency", "EUR", "USD")]
