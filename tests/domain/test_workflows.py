"""Workflow rules: what a valid rule is and when it fires (spec §1.12)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from rxcrm.domain.errors import ValidationFailed
from rxcrm.domain.records.history import CREATED, FieldChange
from rxcrm.domain.settings.workflows import condition_holds, describe_rule, rule_matches, validate_rule

FIELDS = {
    "account": {"name", "owner_id", "industry", "key_account", "country"},
    "contact": {"last_name", "owner_id"},
    "opportunity": {"name", "owner_id", "stage_id", "status", "amount", "tags"},
}


@dataclass
class Rule:
    entity: str = "opportunity"
    trigger: str = "updated"
    trigger_field: str | None = None
    condition: dict[str, Any] | None = None


def definition(**kw: Any) -> dict[str, Any]:
    return {
        "name": "Big deals to Ada",
        "entity": "opportunity",
        "trigger": "created",
        "action": "set_owner",
        "action_params": {"user_id": 7},
        **kw,
    }


def errors_of(data: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(ValidationFailed) as caught:
        validate_rule(data, FIELDS)
    return caught.value.fields


def test_a_complete_rule_is_cleaned_and_active_by_default() -> None:
    rule = validate_rule(
        definition(name="  Big deals  ", condition={"field": "amount", "op": "equals", "value": "100"}),
        FIELDS,
    )
    assert rule["name"] == "Big deals"
    assert rule["active"] is True
    assert rule["trigger_field"] is None
    assert rule["condition"] == {"field": "amount", "op": "equals", "value": "100"}


def test_a_rule_without_anything_names_every_missing_part() -> None:
    fields = errors_of({})
    assert set(fields) == {"name", "entity", "trigger", "action"}


def test_stage_won_and_lost_triggers_only_happen_to_opportunities() -> None:
    assert "trigger" in errors_of(definition(entity="account", trigger="won"))


def test_field_changed_needs_a_known_field() -> None:
    assert errors_of(definition(trigger="field_changed"))["trigger_field"].startswith("is required")
    assert (
        "no field" in errors_of(definition(trigger="field_changed", trigger_field="colour"))["trigger_field"]
    )
    assert validate_rule(definition(trigger="field_changed", trigger_field="amount"), FIELDS)["trigger_field"]


def test_a_condition_is_checked_field_by_field() -> None:
    fields = errors_of(definition(condition={"field": "nope", "op": "like", "value": 1}))
    assert set(fields) == {"condition.field", "condition.op"}
    assert "condition.value" in errors_of(definition(condition={"field": "tags", "op": "in", "value": []}))


def test_in_accepts_comma_separated_text() -> None:
    rule = validate_rule(definition(condition={"field": "name", "op": "in", "value": "a, b ,"}), FIELDS)
    assert rule["condition"]["value"] == ["a", "b"]


def test_a_custom_field_may_be_a_condition() -> None:
    rule = validate_rule(
        definition(condition={"field": "custom.region", "op": "equals", "value": "x"}), FIELDS
    )
    assert rule["condition"]["field"] == "custom.region"


@pytest.mark.parametrize(
    ("action", "params", "field"),
    [
        ("set_owner", {}, "action_params.user_id"),
        ("add_follower", {"user_id": "seven"}, "action_params.user_id"),
        ("notify", {"user_id": 7}, "action_params.message"),
        ("notify", {"user_id": 7, "message": "x" * 501}, "action_params.message"),
        ("create_activity", {"note": "call"}, "action_params.category_id"),
        ("send_email", {}, "action"),
    ],
)
def test_each_action_needs_its_parameters(action: str, params: dict, field: str) -> None:
    assert field in errors_of(definition(action=action, action_params=params))


def test_unknown_action_parameters_are_dropped() -> None:
    rule = validate_rule(definition(action="add_follower", action_params={"user_id": 3, "x": 1}), FIELDS)
    assert rule["action_params"] == {"user_id": 3}


def test_created_fires_on_creation_only() -> None:
    rule = Rule(trigger="created")
    assert rule_matches(rule, "opportunity", "create", (FieldChange(CREATED, None, "Deal"),), {})
    assert not rule_matches(rule, "opportunity", "update", (FieldChange("name", "a", "b"),), {})


def test_a_rule_fires_only_for_its_entity() -> None:
    assert not rule_matches(
        Rule(entity="account"), "opportunity", "update", (FieldChange("name", "a", "b"),), {}
    )


def test_updated_fires_on_any_change_but_not_on_creation() -> None:
    assert rule_matches(Rule(), "opportunity", "update", (FieldChange("name", "a", "b"),), {})
    assert not rule_matches(Rule(), "opportunity", "create", (FieldChange(CREATED, None, "x"),), {})


def test_field_changed_fires_only_for_that_field() -> None:
    rule = Rule(trigger="field_changed", trigger_field="amount")
    assert rule_matches(rule, "opportunity", "update", (FieldChange("amount", "1.00", "2.00"),), {})
    assert not rule_matches(rule, "opportunity", "update", (FieldChange("name", "a", "b"),), {})


def test_stage_moved_won_and_lost_read_the_stage_and_status_changes() -> None:
    to_won = (FieldChange("stage_id", "1", "6"), FieldChange("status", "open", "won"))
    to_open = (FieldChange("stage_id", "1", "2"),)
    assert rule_matches(Rule(trigger="stage_moved"), "opportunity", "update", to_open, {})
    assert rule_matches(Rule(trigger="won"), "opportunity", "update", to_won, {})
    assert not rule_matches(Rule(trigger="won"), "opportunity", "update", to_open, {})
    assert not rule_matches(Rule(trigger="lost"), "opportunity", "update", to_won, {})


def test_the_condition_must_hold_too() -> None:
    rule = Rule(condition={"field": "amount", "op": "equals", "value": "5000"})
    change = (FieldChange("name", "a", "b"),)
    assert rule_matches(rule, "opportunity", "update", change, {"amount": Decimal("5000.00")})
    assert not rule_matches(rule, "opportunity", "update", change, {"amount": Decimal("10.00")})


@pytest.mark.parametrize(
    ("condition", "record", "holds"),
    [
        (None, {}, True),
        ({"field": "industry", "op": "equals", "value": "banking "}, {"industry": "Banking"}, True),
        ({"field": "industry", "op": "equals", "value": ""}, {"industry": None}, True),
        ({"field": "industry", "op": "equals", "value": "Retail"}, {"industry": None}, False),
        ({"field": "key_account", "op": "equals", "value": "yes"}, {"key_account": True}, True),
        ({"field": "key_account", "op": "equals", "value": "false"}, {"key_account": True}, False),
        ({"field": "owner_id", "op": "equals", "value": "3"}, {"owner_id": 3}, True),
        ({"field": "amount", "op": "equals", "value": "abc"}, {"amount": Decimal("1")}, False),
        ({"field": "name", "op": "contains", "value": "acme"}, {"name": "The ACME Corp"}, True),
        ({"field": "name", "op": "contains", "value": "acme"}, {"name": None}, False),
        ({"field": "tags", "op": "contains", "value": "vip"}, {"tags": ["new", "VIP"]}, True),
        ({"field": "tags", "op": "contains", "value": "vip"}, {"tags": ["vi"]}, False),
        ({"field": "country", "op": "in", "value": ["DE", "AT"]}, {"country": "at"}, True),
        ({"field": "country", "op": "in", "value": ["DE", "AT"]}, {"country": "CH"}, False),
        ({"field": "custom.region", "op": "equals", "value": "North"}, {"custom": {"region": "north"}}, True),
        ({"field": "custom.region", "op": "equals", "value": "North"}, {"custom": {}}, False),
    ],
)
def test_conditions_compare_like_an_admin_would_expect(condition: Any, record: dict, holds: bool) -> None:
    assert condition_holds(condition, record) is holds


def test_a_rule_reads_as_one_sentence() -> None:
    rule = Rule(
        trigger="field_changed",
        trigger_field="amount",
        condition={"field": "tags", "op": "in", "value": ["a", "b"]},
    )
    names = {"user:3": "Bea"}
    text = describe_rule(rule, "notify", {"user_id": 3, "message": "Look"}, names)
    assert text == "When an opportunity changes its amount and tags in 'a, b' then notify Bea: 'Look'"
    account = Rule(entity="account", trigger="created")
    assert describe_rule(account, "create_activity", {"category_id": 1}, {"category:1": "Call"}) == (
        "When an account is created then log Call"
    )
