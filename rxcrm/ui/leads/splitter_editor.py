"""The splitter rule editor dialog: condition rows, priority, active, and assignees with a live sum."""

from __future__ import annotations

import reflex as rx
from reflex.vars import Var

from rxcrm.domain.leads.splitter import ANY, FIELDS, OPERATOR_LABELS
from rxcrm.ui.components.controls import buttons_end, cancel_button, form_text, icon_action, note, row_button
from rxcrm.ui.components.lookup import lookup_box
from rxcrm.ui.leads.parts import labelled_switch
from rxcrm.ui.leads.splitter_editor_state import ASSIGNEE_LOOKUPS, CUSTOM, RuleEditorState

S = RuleEditorState


def _labelled(label: str, control: rx.Component) -> rx.Component:
    return rx.vstack(rx.text(label, size="2", weight="medium"), control, spacing="1")


def _text(key: str, placeholder: str, width: str = "200px") -> rx.Component:
    testid = f"rule-{key.replace('_', '-')}"
    return form_text(S.form, S.set_form, key, placeholder, width, key.capitalize(), testid)


def _remove(label: str, on_click: rx.EventSpec, testid: Var) -> rx.Component:
    """The grey ✕ that takes a condition or an assignee out of the rule."""
    return icon_action("x", label, on_click, testid, variant="soft")


FIELD_CHOICES = [(f, f.replace("_id", "").replace("_", " ")) for f in FIELDS] + [(CUSTOM, "custom field…")]
ROW_OPERATORS = [(op, label) for op, label in OPERATOR_LABELS.items() if op != ANY]


def _row_select(row: Var, index: Var, key: str, options: list[tuple[str, str]]) -> rx.Component:
    return rx.select.root(
        rx.select.trigger(
            aria_label=f"Condition {key}", data_testid=f"rule-condition-{key}-" + index.to_string()
        ),
        rx.select.content(*(rx.select.item(label, value=value) for value, label in options)),
        value=row[key],
        on_change=lambda v: S.set_condition(index, key, v),
    )


def _row_input(row: Var, index: Var, key: str, placeholder: str, width: str) -> rx.Component:
    return rx.input(
        placeholder=placeholder,
        value=row[key],
        on_change=lambda v: S.set_condition(index, key, v),
        width=width,
        aria_label=f"Condition {key.replace('_', ' ')}",
        data_testid=f"rule-condition-{key.replace('_', '-')}-" + index.to_string(),
    )


def _condition_row(row: Var, index: Var) -> rx.Component:
    return rx.hstack(
        rx.text(rx.cond(index == 0, "If", "and"), size="2", width="28px"),
        _row_select(row, index, "field", FIELD_CHOICES),
        rx.cond(
            row["field"] == CUSTOM, _row_input(row, index, "custom_key", "custom key, e.g. region", "150px")
        ),
        _row_select(row, index, "operator", ROW_OPERATORS),
        _row_input(row, index, "value", "web  (is one of: web, fair)", "220px"),
        _remove("Remove condition", S.remove_condition(index), "rule-condition-remove-" + index.to_string()),
        align="center",
        spacing="2",
        data_testid="rule-condition",
    )


def _conditions() -> rx.Component:
    return rx.vstack(
        rx.text("Conditions (a lead must meet all of them)", size="2", weight="medium"),
        rx.cond(
            S.any_lead,
            note("No conditions: every lead matches.", size="2", data_testid="rule-any-lead"),
            rx.foreach(S.conditions, _condition_row),
        ),
        row_button("Add condition", S.add_condition, "rule-condition-add", icon="plus"),
        spacing="2",
        width="100%",
    )


def _assignee_row(assignee: Var, index: Var) -> rx.Component:
    return rx.hstack(
        rx.badge(assignee["kind"], variant="soft"),
        rx.text(assignee["name"], size="2", width="200px"),
        rx.input(
            value=assignee["percent"],
            on_change=lambda v: S.set_percent(index, v),
            width="80px",
            type="number",
            aria_label="Share of " + assignee["name"].to(str) + " in %",
            data_testid="rule-percent-" + index.to_string(),
        ),
        rx.text("%", size="2"),
        _remove("Remove assignee", S.remove_assignee(index), "rule-remove-assignee-" + index.to_string()),
        align="center",
        spacing="2",
        data_testid="rule-assignee",
    )


def _picker(kind: str, placeholder: str) -> rx.Component:
    return lookup_box(
        f"rule-add-{kind}", ASSIGNEE_LOOKUPS[kind], placeholder, lambda value: S.add_assignee(kind, value)
    )


def _assignees() -> rx.Component:
    total = rx.badge(
        "sum = ",
        S.percent_sum,
        " %",
        color_scheme=rx.cond(S.percent_sum == 100, "green", "amber"),
        size="2",
        data_testid="rule-percent-sum",
    )
    add = rx.hstack(
        _picker("user", "Add a user…"),
        _picker("partner", "Add a partner…"),
        rx.spacer(),
        total,
        width="100%",
        align="center",
    )
    return rx.vstack(
        rx.text("Assignees", size="2", weight="medium"),
        rx.foreach(S.assignees, _assignee_row),
        add,
        spacing="2",
        width="100%",
    )


def rule_editor() -> rx.Component:
    """The modal editor; Save stays disabled until the percentages add up to 100."""
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(rx.cond(S.editing_id > 0, "Edit splitter rule", "New splitter rule")),
            rx.vstack(
                rx.hstack(
                    _labelled("Name", _text("name", "e.g. Web leads", "260px")),
                    _labelled("Priority", _text("priority", "0", "90px")),
                    labelled_switch("Active", S.active, S.set_active, "rule-active", padding_bottom="6px"),
                    spacing="3",
                    align="end",
                ),
                _conditions(),
                rx.divider(),
                _assignees(),
                rx.cond(
                    S.error != "",
                    rx.callout(S.error, icon="triangle-alert", color_scheme="red", data_testid="rule-error"),
                ),
                buttons_end(
                    rx.dialog.close(cancel_button()),
                    rx.button(
                        "Save rule", on_click=S.save, disabled=S.percent_sum != 100, data_testid="rule-save"
                    ),
                ),
                spacing="4",
                width="100%",
            ),
            max_width="760px",
        ),
        open=S.is_open,
        on_open_change=S.set_open,
    )
