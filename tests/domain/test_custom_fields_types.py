"""Typed custom field values: each type's rules, required fields, form text and list filters."""

from __future__ import annotations

import pytest

from rxcrm.domain.errors import ValidationFailed
from rxcrm.domain.records.custom_fields import (
    FieldDefinition,
    check_list_options,
    check_typed_values,
    filter_texts,
    read_form_values,
    validate_definition,
)

SIZE = FieldDefinition("size", "Size", "number")
NOTE = FieldDefinition("note", "Note", "text")
SINCE = FieldDefinition("since", "Customer since", "date")
VIP = FieldDefinition("vip", "VIP", "boolean")
TIER = FieldDefinition("tier", "Tier", "list", options=("gold", "silver"))
SCOUT = FieldDefinition("scout", "Scout", "user")
ALL = (SIZE, NOTE, SINCE, VIP, TIER, SCOUT)


def _fields_of(custom: dict, definitions=ALL, users=(7,), required=True) -> dict[str, str]:
    with pytest.raises(ValidationFailed) as caught:
        check_typed_values(custom, definitions, set(users), required)
    return caught.value.fields


def test_valid_values_of_every_type_are_kept_and_normalised() -> None:
    custom = {"size": 12.5, "note": " hi ", "since": "2026-01-31", "vip": False, "tier": "gold", "scout": 7}
    assert check_typed_values(custom, ALL, {7}, True) == {**custom, "note": "hi"}


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("size", "12", "Size must be a number"),
        ("size", True, "Size must be a number"),
        ("size", float("nan"), "Size must be a number"),
        ("note", 5, "Note must be text"),
        ("note", "x" * 2001, "Note must be at most 2000 characters"),
        ("since", "31.01.2026", "Customer since must be a date like 2026-12-31"),
        ("since", 20260131, "Customer since must be a date like 2026-12-31"),
        ("vip", "yes", "VIP must be true or false"),
        ("tier", "bronze", "Tier must be one of: gold, silver"),
        ("scout", 8, "Scout must be an active user"),
        ("scout", "7", "Scout must be an active user"),
        ("scout", True, "Scout must be an active user"),
    ],
)
def test_a_value_of_the_wrong_kind_is_named_on_its_field(key: str, value: object, message: str) -> None:
    assert _fields_of({key: value}, required=False) == {f"custom.{key}": message}


def test_keys_without_a_definition_stay_free_values() -> None:
    assert check_typed_values({"legacy": "anything", "size": 3}, [SIZE], set(), True) == {
        "legacy": "anything",
        "size": 3,
    }


def test_a_required_field_must_be_filled_when_values_are_checked_in_full() -> None:
    required = FieldDefinition("tier", "Tier", "list", True, ("gold",))
    assert _fields_of({"tier": " "}, [required]) == {"custom.tier": "Tier is required"}
    assert check_typed_values({}, [required], set(), check_required=False) == {}


def test_empty_values_of_defined_fields_are_dropped() -> None:
    assert check_typed_values({"size": None, "note": ""}, ALL, set(), False) == {}


def test_form_text_is_read_as_each_type_stores_it() -> None:
    form = {
        "custom.size": "3,5",
        "custom.note": "hello",
        "custom.since": "2026-02-01",
        "custom.vip": "on",
        "custom.tier": "none",
        "custom.scout": "7",
    }
    values, errors = read_form_values(ALL, form)
    assert errors == {}
    assert values == {
        "size": 3.5,
        "note": "hello",
        "since": "2026-02-01",
        "vip": True,
        "tier": None,
        "scout": 7,
    }


def test_unreadable_form_text_is_reported_per_field_and_an_unticked_box_is_false() -> None:
    values, errors = read_form_values([SIZE, VIP], {"custom.size": "many"})
    assert errors == {"custom.size": "Size must be a number"}
    assert values == {"vip": False}


def test_a_definition_needs_entity_key_label_and_a_known_type() -> None:
    with pytest.raises(ValidationFailed) as caught:
        validate_definition({"entity": "invoice", "key": "9lives", "type": "money"}, creating=True)
    assert set(caught.value.fields) == {"entity", "key", "label", "type"}


def test_a_list_field_needs_options_and_options_are_trimmed_and_unique() -> None:
    values = validate_definition(
        {
            "entity": "account",
            "key": "tier",
            "label": "Tier",
            "type": "list",
            "options": [" a", "a", "b", ""],
        },
        creating=True,
    )
    assert values["options"] == ["a", "b"]
    with pytest.raises(ValidationFailed):
        check_list_options("list", [])


def test_list_filters_match_how_databases_render_json_scalars() -> None:
    assert filter_texts(VIP, "true") == ("1", "true")
    assert filter_texts(SCOUT, "7") == ("7", "7.0")
    assert filter_texts(None, "north") == ("north",)
    with pytest.raises(ValidationFailed):
        filter_texts(SCOUT, "seven")
