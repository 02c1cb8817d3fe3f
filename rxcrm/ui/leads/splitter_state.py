"""State of the splitter control tab: the rules with their split, the unprocessed leads, "Run"."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.errors import DomainError, Forbidden
from rxcrm.domain.leads.lifecycle import UNPROCESSED
from rxcrm.domain.leads.splitter import describe_conditions
from rxcrm.services.leads.lifecycle import LeadFilter, list_leads
from rxcrm.services.leads.splitter import (
    MANAGERS,
    delete_rule,
    get_rule,
    list_rules,
    reorder_rules,
    require_manager,
    reset_counters,
    save_rule,
)
from rxcrm.services.leads.splitter_runs import run_free_pool
from rxcrm.services.records.listing import ListWindow
from rxcrm.ui.actions import acting, action, failure_toast, success_toast
from rxcrm.ui.components.conversion import record_ref
from rxcrm.ui.components.list_actions import removal
from rxcrm.ui.components.read_gate import ReadGate
from rxcrm.ui.state import AppState

UNPROCESSED_SHOWN = 10


@dataclass
class ShareRow:
    """One assignee of a rule as the page shows it: target and actual share."""

    name: str = ""
    kind: str = "user"
    percent: int = 0
    actual: float = 0.0
    assigned: int = 0


@dataclass
class RuleRow:
    """One rule as the page shows it."""

    id: int = 0
    name: str = ""
    condition: str = ""
    priority: int = 0
    active: bool = True
    routed: int = 0
    split_error: str = "0"
    can_up: bool = False
    can_down: bool = False
    shares: list[ShareRow] = field(default_factory=list)


def split_in_words(error: float) -> str:
    """The split error said in leads: the largest gap between an assignee's count and exact share."""
    shown = round(float(error), 1)
    if error == 0:
        return "exact split"
    if shown == 0:
        return "less than 0.1 leads off the exact split"
    return f"{shown:g} {'lead' if shown == 1 else 'leads'} off the exact split"


def rule_rows(rules: list[dict[str, Any]]) -> list[RuleRow]:
    """The service's rules (in trial order) as rows; a rule moves only among rules of its priority."""
    rows = []
    for index, rule in enumerate(rules):
        before = rules[index - 1] if index > 0 else None
        after = rules[index + 1] if index + 1 < len(rules) else None
        shares = [
            ShareRow(
                a["name"],
                "user" if a["user_id"] else "partner",
                a["percent"],
                a["actual_percent"],
                a["assigned"],
            )
            for a in rule["assignees"]
        ]
        rows.append(
            RuleRow(
                id=rule["id"],
                name=rule["name"],
                condition=describe_conditions(rule["conditions"]),
                priority=rule["priority"],
                active=rule["active"],
                routed=rule["routed"],
                split_error=split_in_words(rule["split_error"]),
                can_up=before is not None and before["priority"] == rule["priority"],
                can_down=after is not None and after["priority"] == rule["priority"],
                shares=shares,
            )
        )
    return rows


def rule_input(rule: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A stored rule as save_rule's input, with some values changed (its assignees kept)."""
    keep = ("name", "conditions", "priority", "active")
    assignees = [{k: a[k] for k in ("user_id", "partner_id", "percent")} for a in rule["assignees"]]
    return {**{k: rule[k] for k in keep}, "assignees": assignees, **changes}


class SplitterState(ReadGate, AppState):
    """The rules in trial order, who may change them, and the leads no rule matched (staff only)."""

    rules: list[RuleRow] = []
    unprocessed: list[dict[str, str]] = []
    unprocessed_total: int = 0

    @rx.var
    def may_edit(self) -> bool:
        """Only admins and sales directors change the splitter (the services refuse others too)."""
        return self.user_role in MANAGERS

    @rx.event
    def load(self):
        """Read the rules with their split and the first unprocessed leads; partner users get a note."""
        self.no_access = ""
        try:
            with acting(self.token) as (session, user):
                self.rules = rule_rows(list_rules(session, user))
                page = list_leads(
                    session, user, LeadFilter(state=UNPROCESSED), ListWindow(limit=UNPROCESSED_SHOWN)
                )
        except Forbidden as exc:
            return self._refuse(exc, rules=[], unprocessed=[], unprocessed_total=0)
        except DomainError as exc:
            return failure_toast(exc)
        self.unprocessed_total = page.total
        self.unprocessed = [
            {"id": str(lead.id), "name": lead.name or lead.email or "—", "source": lead.source or "—"}
            for lead in page.items
        ]

    @rx.event
    @action(writer=True)
    def run(self, session: Session, user: User):
        """Route the free pool now ("Run"); leads no rule matches stay unprocessed."""
        require_manager(user)
        result = run_free_pool(session, user.id)
        message = f"{result['routed']} routed, {result['unprocessed']} unprocessed."
        return [success_toast(message), SplitterState.load]

    @rx.event
    @action
    def set_active(self, session: Session, user: User, rule_id: int, active: bool):
        """Switch a rule on or off (its counters are kept)."""
        rule = get_rule(session, record_ref(rule_id), user)
        save_rule(session, user, rule_input(rule, active=bool(active)), rule["id"])
        state = "on" if active else "off"
        return [success_toast(f"Rule '{rule['name']}' switched {state}."), SplitterState.load]

    @rx.event
    @action
    def move(self, session: Session, user: User, rule_id: int, step: int):
        """Try a rule before (-1) or after (+1) its neighbour of the same priority."""
        ids = [r.id for r in self.rules]
        if rule_id not in ids or not 0 <= ids.index(rule_id) + step < len(ids):
            return None
        here = ids.index(rule_id)
        ids[here], ids[here + step] = ids[here + step], ids[here]
        self.rules = rule_rows(reorder_rules(session, user, ids))
        return success_toast("Rule order saved.")

    @rx.event
    @action
    def reset_rule(self, session: Session, user: User, rule_id: int):
        """Start a rule's split from zero."""
        rule = reset_counters(session, user, record_ref(rule_id))
        return [success_toast(f"Counters of '{rule['name']}' reset."), SplitterState.load]

    remove = removal("remove", delete_rule, "Rule deleted.", "Delete a rule (after the confirmation dialog).")
