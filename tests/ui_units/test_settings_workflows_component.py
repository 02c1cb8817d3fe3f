"""The workflow-rules card of Settings compiles, and its form turns into a rule definition."""

from __future__ import annotations

from rxcrm.ui.settings.workflows import EMPTY_FORM, rule_data, workflows_section


def test_the_workflows_section_renders() -> None:
    rendered = str(workflows_section().render())
    assert "settings-workflows" in rendered
    assert "workflow-add" in rendered


def test_a_notify_form_becomes_a_notify_rule_without_condition() -> None:
    form = {**EMPTY_FORM, "name": "Won", "trigger": "won", "user_id": "3", "message": "Well done"}
    assert rule_data(form) == {
        "name": "Won",
        "entity": "opportunity",
        "trigger": "won",
        "trigger_field": None,
        "condition": None,
        "action": "notify",
        "action_params": {"user_id": 3, "message": "Well done"},
    }


def test_an_activity_form_with_a_condition() -> None:
    form = {
        **EMPTY_FORM,
        "action": "create_activity",
        "category_id": "2",
        "note": "Call back",
        "condition_field": " industry ",
        "condition_op": "in",
        "condition_value": "Banking, Retail",
    }
    data = rule_data(form)
    assert data["action_params"] == {"category_id": 2, "note": "Call back"}
    assert data["condition"] == {"field": "industry", "op": "in", "value": "Banking, Retail"}
