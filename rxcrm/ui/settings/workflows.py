"""Settings › Workflow rules: list the automation rules, add one, switch it on or off, delete it."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.records.validation import whole_number
from rxcrm.domain.settings.workflows import ACTIONS, ENTITIES, OPERATORS, TRIGGERS, describe_rule
from rxcrm.services.records.activities import list_categories
from rxcrm.services.records.display_text import names_of
from rxcrm.services.records.listing import LARGEST_PAGE
from rxcrm.services.settings.workflows import create_rule, delete_rule, list_rules, update_rule
from rxcrm.ui.actions import action, success_toast
from rxcrm.ui.components.controls import action_button, form_text, note, row_button, toolbar
from rxcrm.ui.components.conversion import record_ref
from rxcrm.ui.components.list_actions import removal, switch
from rxcrm.ui.components.lookup import LookupState, lookup_box
from rxcrm.ui.settings.parts import settings_card
from rxcrm.ui.state import AppState

EMPTY_FORM = {
    "name": "",
    "entity": "opportunity",
    "trigger": "created",
    "trigger_field": "",
    "condition_field": "",
    "condition_op": "equals",
    "condition_value": "",
    "action": "notify",
    "user_id": "",
    "message": "",
    "category_id": "",
    "note": "",
}
USER_ACTIONS = ("set_owner", "add_follower", "notify")
PERSON = "workflow-user_id"  # the lookup of the user a rule names


def _number(text: str) -> int | str | None:
    text = text.strip()
    number = whole_number(text)
    return number if number is not None else (text or None)


def rule_data(form: dict[str, str]) -> dict:
    """The rule definition a filled-in form stands for (the service validates it)."""
    params: dict = {}
    if form["action"] in USER_ACTIONS:
        params["user_id"] = _number(form["user_id"])
    if form["action"] == "notify":
        params["message"] = form["message"]
    if form["action"] == "create_activity":
        params.update(category_id=_number(form["category_id"]), note=form["note"])
    condition = None
    if form["condition_field"].strip():
        condition = {
            "field": form["condition_field"].strip(),
            "op": form["condition_op"],
            "value": form["condition_value"],
        }
    return {
        "name": form["name"],
        "entity": form["entity"],
        "trigger": form["trigger"],
        "trigger_field": form["trigger_field"].strip() or None,
        "condition": condition,
        "action": form["action"],
        "action_params": params,
    }


class WorkflowsState(AppState):
    """The workflow rules, the add-rule form and the choices it offers."""

    rules: list[dict[str, str]] = []
    form: dict[str, str] = dict(EMPTY_FORM)
    categories: list[dict[str, str]] = []

    @rx.event
    @action
    def load(self, session: Session, user: User):
        """Read the rules and the users and categories a rule may name."""
        rules = list_rules(session, user, window=LARGEST_PAGE).items
        kinds = list_categories(session)
        named = {record_ref(r.action_params.get("user_id")) for r in rules if r.action_params}
        names = {f"user:{i}": n for i, n in names_of(session, User, named, User.name).items()}
        names.update({f"category:{c.id}": c.name for c in kinds})
        self.rules = [
            {
                "id": str(r.id),
                "name": r.name,
                "text": describe_rule(r, r.action, r.action_params, names),
                "active": "yes" if r.active else "no",
            }
            for r in rules
        ]
        self.categories = [{"id": str(c.id), "name": c.name} for c in kinds]

    @rx.event
    def set_form(self, key: str, value: str):
        """Remember one field of the add-rule form."""
        self.form[key] = value

    @rx.event
    @action
    def add_rule(self, session: Session, user: User):
        """Save the form as a new, active rule."""
        rule = create_rule(session, user, rule_data(self.form))
        self.form = dict(EMPTY_FORM)
        return [
            success_toast(f"Workflow rule '{rule.name}' added."),
            LookupState.clear(PERSON),
            WorkflowsState.load,
        ]

    set_active = switch(
        "set_active",
        update_rule,
        "active",
        "Workflow rule '{record.name}' switched {state}.",
        ("on", "off"),
        "Switch a rule on or off.",
    )
    remove_rule = removal("remove_rule", delete_rule, "Workflow rule deleted.", "Delete a rule.")


def _choice(key: str, options: tuple[str, ...]) -> rx.Component:
    return rx.select(
        list(options),
        value=WorkflowsState.form[key],
        on_change=lambda v: WorkflowsState.set_form(key, v),
        custom_attrs={"aria-label": key.replace("_", " ").capitalize()},
        data_testid=f"workflow-{key}",
    )


def _pick(key: str, items: rx.Var, placeholder: str) -> rx.Component:
    return rx.select.root(
        rx.select.trigger(placeholder=placeholder, aria_label=placeholder, data_testid=f"workflow-{key}"),
        rx.select.content(rx.foreach(items, lambda i: rx.select.item(i["name"], value=i["id"]))),
        value=WorkflowsState.form[key],
        on_change=lambda v: WorkflowsState.set_form(key, v),
    )


def _person() -> rx.Component:
    return lookup_box(PERSON, "active_user", "User", lambda value: WorkflowsState.set_form("user_id", value))


def _text(key: str, placeholder: str, width: str = "180px") -> rx.Component:
    s = WorkflowsState
    return form_text(s.form, s.set_form, key, placeholder, width, placeholder, f"workflow-{key}")


def _rule_form() -> rx.Component:
    form = WorkflowsState.form
    return rx.vstack(
        toolbar(
            _text("name", "Rule name", "240px"),
            rx.text("When", size="2"),
            _choice("entity", ENTITIES),
            _choice("trigger", TRIGGERS),
            rx.cond(form["trigger"] == "field_changed", _text("trigger_field", "field, e.g. amount")),
            spacing="3",
        ),
        toolbar(
            rx.text("and (optional)", size="2"),
            _text("condition_field", "field, e.g. industry"),
            _choice("condition_op", OPERATORS),
            _text("condition_value", "value (in: a, b, c)"),
            spacing="3",
        ),
        toolbar(
            rx.text("then", size="2"),
            _choice("action", ACTIONS),
            rx.cond(
                form["action"] == "create_activity",
                rx.hstack(_pick("category_id", WorkflowsState.categories, "Category"), _text("note", "Note")),
                _person(),
            ),
            rx.cond(form["action"] == "notify", _text("message", "Message", "280px")),
            action_button("Add rule", WorkflowsState.add_rule, "workflow-add"),
            spacing="3",
        ),
        spacing="2",
        width="100%",
    )


def _rule_row(rule: dict) -> rx.Component:
    return rx.hstack(
        rx.switch(
            checked=rule["active"] == "yes",
            on_change=lambda v: WorkflowsState.set_active(rule["id"], v),
            aria_label="Active: " + rule["name"],
            data_testid="workflow-active-" + rule["id"],
        ),
        rx.vstack(rx.text(rule["name"], weight="medium", size="2"), note(rule["text"]), spacing="0"),
        rx.spacer(),
        row_button(
            "Delete", WorkflowsState.remove_rule(rule["id"]), "workflow-delete-" + rule["id"], color="red"
        ),
        align="center",
        width="100%",
        data_testid="workflow-rule-" + rule["id"],
    )


def workflows_section() -> rx.Component:
    """The Settings card with the workflow rules (spec §1.12); loads itself when shown."""
    return settings_card(
        "Workflow rules",
        note(
            "Rules run on every change of a record, in the order listed; what a rule changes "
            "does not trigger other rules.",
            size="2",
        ),
        rx.cond(
            WorkflowsState.rules.length() > 0,
            rx.vstack(rx.foreach(WorkflowsState.rules, _rule_row), width="100%", spacing="2"),
            rx.text("No rules yet.", size="2", data_testid="workflow-empty"),
        ),
        rx.divider(),
        _rule_form(),
        on_mount=WorkflowsState.load,
        data_testid="settings-workflows",
    )
