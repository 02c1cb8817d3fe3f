"""State of the splitter rule editor: condition rows, priority and the assignees with their percentages."""

from __future__ import annotations

from typing import Any

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.errors import DomainError, ValidationFailed
from rxcrm.domain.leads.splitter import CUSTOM_PREFIX, EQUALS, FIELDS, MAX_CONDITIONS
from rxcrm.domain.records.validation import whole_number
from rxcrm.services.leads.splitter import get_rule, require_manager, save_rule
from rxcrm.services.records.lookups import record_label
from rxcrm.ui.actions import acting, action, failure_toast, success_toast
from rxcrm.ui.components.conversion import record_ref
from rxcrm.ui.components.lookup import LookupState
from rxcrm.ui.components.setters import remover, setter
from rxcrm.ui.leads.splitter_state import SplitterState
from rxcrm.ui.state import AppState

CUSTOM = "custom"
EMPTY_FORM = {"name": "", "priority": "0"}
EMPTY_CONDITION = {"field": FIELDS[0], "custom_key": "", "operator": EQUALS, "value": ""}
# an assignee's kind -> the lookup that finds one (active users of the directory, active partners)
ASSIGNEE_LOOKUPS = {"user": "active_user", "partner": "partner"}


def _number(text: str) -> int | str:
    number = whole_number(text.strip())
    return number if number is not None else text


def _condition_data(row: dict[str, str]) -> dict[str, str]:
    field = CUSTOM_PREFIX + row["custom_key"].strip() if row["field"] == CUSTOM else row["field"]
    return {"field": field, "operator": row["operator"], "value": row["value"]}


def rule_data(
    form: dict[str, str], conditions: list[dict[str, str]], active: bool, assignees: list[dict[str, str]]
) -> dict[str, Any]:
    """The rule a filled-in editor stands for (no condition rows: every lead; the service validates it)."""
    return {
        "name": form["name"],
        "conditions": [_condition_data(row) for row in conditions],
        "priority": _number(form["priority"]),
        "active": active,
        "assignees": [
            {
                "user_id": record_ref(a["id"]) if a["kind"] == "user" else None,
                "partner_id": record_ref(a["id"]) if a["kind"] == "partner" else None,
                "percent": _number(a["percent"]),
            }
            for a in assignees
        ],
    }


def condition_rows(conditions: list[dict[str, str]]) -> list[dict[str, str]]:
    """A stored rule's conditions as editor rows (a custom field as 'custom' plus its key)."""
    rows = []
    for c in conditions:
        custom = c["field"].startswith(CUSTOM_PREFIX)
        rows.append(
            {
                "field": CUSTOM if custom else c["field"],
                "custom_key": c["field"][len(CUSTOM_PREFIX) :] if custom else "",
                "operator": c["operator"],
                "value": c["value"],
            }
        )
    return rows


class RuleEditorState(AppState):
    """The rule dialog: open or not, the rule edited (0: new), its values and the choices offered."""

    is_open: bool = False
    editing_id: int = 0
    form: dict[str, str] = dict(EMPTY_FORM)
    conditions: list[dict[str, str]] = []
    active: bool = True
    assignees: list[dict[str, str]] = []
    error: str = ""

    @rx.var
    def percent_sum(self) -> int:
        """The percentages typed so far, added up (unreadable ones count as 0)."""
        return sum(whole_number(a["percent"].strip()) or 0 for a in self.assignees)

    @rx.var
    def any_lead(self) -> bool:
        """Whether the rule matches every lead (no condition rows)."""
        return not self.conditions

    def _show(
        self, editing_id: int, form: dict[str, str], conditions: list, active: bool, assignees: list
    ) -> None:
        self.editing_id, self.form, self.conditions = editing_id, form, conditions
        self.active, self.assignees = active, assignees
        self.error, self.is_open = "", True

    @rx.event
    @action
    def open_new(self, session: Session, user: User):
        """Open an empty editor."""
        require_manager(user)
        self._show(0, dict(EMPTY_FORM), [dict(EMPTY_CONDITION)], True, [])

    @rx.event
    @action
    def open_edit(self, session: Session, user: User, rule_id: int):
        """Open the editor on a stored rule."""
        require_manager(user)
        rule = get_rule(session, record_ref(rule_id), user)
        assignees = [
            {
                "kind": "user" if a["user_id"] else "partner",
                "id": str(a["user_id"] or a["partner_id"]),
                "name": a["name"],
                "percent": str(a["percent"]),
            }
            for a in rule["assignees"]
        ]
        form = {"name": rule["name"], "priority": str(rule["priority"])}
        self._show(rule["id"], form, condition_rows(rule["conditions"]), rule["active"], assignees)

    set_open = setter("is_open", "Close (or open) the dialog.", value_type=bool, name="set_open")

    @rx.event
    def set_form(self, key: str, value: str):
        """Remember one field of the editor."""
        self.form[key] = value

    @rx.event
    def add_condition(self):
        """Add a condition row; a lead must then meet every row."""
        if len(self.conditions) < MAX_CONDITIONS:
            self.conditions = [*self.conditions, dict(EMPTY_CONDITION)]

    @rx.event
    def set_condition(self, index: int, key: str, value: str):
        """Change one part (field, custom key, operator, value) of a condition row."""
        if 0 <= index < len(self.conditions) and key in EMPTY_CONDITION:
            self.conditions[index] = {**self.conditions[index], key: value}

    remove_condition = remover(
        "conditions",
        "Take a condition row off the rule (no rows: every lead matches).",
        name="remove_condition",
    )

    set_active = setter("active", "Whether the rule is active.", value_type=bool, convert=bool)

    @rx.event
    @action
    def add_assignee(self, session: Session, user: User, kind: str, choice: str):
        """Add a user or partner picked in its lookup (each one once); the lookup empties for the next."""
        lookup = ASSIGNEE_LOOKUPS.get(kind)
        if (
            lookup is None
            or not choice
            or any(a["kind"] == kind and a["id"] == choice for a in self.assignees)
        ):
            return LookupState.clear(f"rule-add-{kind}")
        name = record_label(session, user, lookup, record_ref(choice))
        if name:
            self.assignees = [*self.assignees, {"kind": kind, "id": choice, "name": name, "percent": ""}]
        return LookupState.clear(f"rule-add-{kind}")

    @rx.event
    def set_percent(self, index: int, value: str):
        """Change an assignee's percentage."""
        if 0 <= index < len(self.assignees):
            self.assignees[index] = {**self.assignees[index], "percent": value}

    remove_assignee = remover("assignees", "Take an assignee off the rule.", name="remove_assignee")

    @rx.event
    def save(self):
        """Save the rule, or say what to correct; the split must add up to 100 %."""
        if self.percent_sum != 100:
            self.error = f"The percentages add up to {self.percent_sum} %, not 100 %."
            return None
        data = rule_data(self.form, self.conditions, self.active, self.assignees)
        try:
            with acting(self.token) as (session, user):
                rule = save_rule(session, user, data, self.editing_id or None)
        except ValidationFailed as exc:
            self.error = "; ".join(f"{k}: {v}" for k, v in exc.fields.items()) or exc.message
            return None
        except DomainError as exc:
            return failure_toast(exc)
        self.is_open = False
        return [success_toast(f"Rule '{rule['name']}' saved."), SplitterState.load]
