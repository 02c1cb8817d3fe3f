"""The settings catalogue: known keys, exact types, sub-toggles bound to their parent."""

from __future__ import annotations

import pytest

from rxcrm.domain.errors import ValidationFailed
from rxcrm.domain.settings.catalogue import BY_KEY, CATALOGUE, check_setting_changes, defaults

PARENT = "decouple_contact_opportunity_owners"
CHILD = "update_opportunity_followers_on_contact_owner_change"


def test_ownership_toggles_default_to_off() -> None:
    values = defaults()
    assert values[PARENT] is False and values[CHILD] is False and values["second_account_manager"] is False
    assert all(BY_KEY[spec.parent].kind is bool for spec in CATALOGUE if spec.parent)


def test_unknown_keys_and_wrong_types_are_named() -> None:
    with pytest.raises(ValidationFailed) as refused:
        check_setting_changes(
            defaults(), {"nope": 1, PARENT: "yes", "session_hours": True, "board_currency": 5}
        )
    assert refused.value.fields == {
        "nope": "is not a known setting",
        PARENT: "must be true or false",
        "session_hours": "must be int",
        "board_currency": "must be str",
    }


def test_numbers_must_be_in_range() -> None:
    with pytest.raises(ValidationFailed) as refused:
        check_setting_changes(defaults(), {"session_hours": 0})
    assert refused.value.fields == {"session_hours": "is out of range"}


def test_a_sub_toggle_needs_its_parent_on() -> None:
    with pytest.raises(ValidationFailed) as refused:
        check_setting_changes(defaults(), {CHILD: True})
    assert set(refused.value.fields) == {CHILD}
    assert check_setting_changes(defaults(), {PARENT: True, CHILD: True}) == {PARENT: True, CHILD: True}


def test_switching_the_parent_off_switches_the_children_off() -> None:
    current = {**defaults(), PARENT: True, CHILD: True}
    assert check_setting_changes(current, {PARENT: False}) == {PARENT: False, CHILD: False}
    assert check_setting_changes(current, {"second_account_manager": True}) == {
        "second_account_manager": True
    }
