"""The splitter page's pure helpers: rule rows (move flags, condition in words) and editor input."""

from __future__ import annotations

from typing import Any

from rxcrm.ui.leads.splitter_editor_state import condition_rows, rule_data
from rxcrm.ui.leads.splitter_state import rule_input, rule_rows


def _rule(rule_id: int, priority: int, **kw: Any) -> dict[str, Any]:
    return {
        "id": rule_id,
        "name": f"Rule {rule_id}",
        "conditions": [{"field": "source", "operator": "equals", "value": "web"}],
        "priority": priority,
        "active": True,
        "routed": 10,
        "split_error": 0.3,
        "assignees": [
            {
                "user_id": 4,
                "partner_id": None,
                "name": "Anna",
                "percent": 70,
                "assigned": 7,
                "actual_percent": 70.0,
            }
        ],
        **kw,
    }


def test_a_rule_moves_only_among_rules_of_its_priority() -> None:
    rows = rule_rows([_rule(1, 5), _rule(2, 0), _rule(3, 0)])
    assert [(r.can_up, r.can_down) for r in rows] == [(False, False), (False, True), (True, False)]


def test_rows_say_the_condition_in_words_and_the_actual_split() -> None:
    two = [
        {"field": "source", "operator": "in", "value": "web, fair"},
        {"field": "custom.region", "operator": "equals", "value": "north"},
    ]
    row = rule_rows([_rule(1, 0, conditions=two)])[0]
    assert row.condition == "source is one of web, fair and custom.region equals north"
    assert (row.shares[0].name, row.shares[0].kind, row.shares[0].assigned) == ("Anna", "user", 7)
    assert rule_rows([_rule(2, 0, conditions=[])])[0].condition == "any lead"


def test_switching_a_rule_off_keeps_its_assignees() -> None:
    data = rule_input(_rule(1, 0), active=False)
    assert data["active"] is False
    assert data["conditions"] == [{"field": "source", "operator": "equals", "value": "web"}]
    assert data["assignees"] == [{"user_id": 4, "partner_id": None, "percent": 70}]


def test_editor_rows_become_a_rule_with_a_custom_field_and_typed_numbers() -> None:
    form = {"name": "Region", "priority": "3"}
    rows = [
        {"field": "custom", "custom_key": " region ", "operator": "equals", "value": "north"},
        {"field": "source", "custom_key": "", "operator": "in", "value": "web, fair"},
    ]
    assignees = [
        {"kind": "user", "id": "4", "name": "Anna", "percent": "60"},
        {"kind": "partner", "id": "9", "name": "Acme", "percent": "4O"},
    ]
    data = rule_data(form, rows, True, assignees)
    assert data["priority"] == 3
    assert data["conditions"] == [
        {"field": "custom.region", "operator": "equals", "value": "north"},
        {"field": "source", "operator": "in", "value": "web, fair"},
    ]
    assert condition_rows(data["conditions"])[0] == {**rows[0], "custom_key": "region"}
    assert rule_data(form, [], True, assignees)["conditions"] == []
    assert data["assignees"] == [
        {"user_id": 4, "partner_id": None, "percent": 60},
        {"user_id": None, "partner_id": 9, "percent": "4O"},
    ]


def test_the_split_error_is_said_in_leads() -> None:
    words = [rule_rows([_rule(1, 0, split_error=e)])[0].split_error for e in (0, 0.4, 1, 2.25, 0.01)]
    assert words == [
        "exact split",
        "0.4 leads off the exact split",
        "1 lead off the exact split",
        "2.2 leads off the exact split",
        "less than 0.1 leads off the exact split",
    ]
