"""Workflow rules: admins define them, every change of an account, contact or opportunity runs them.

Choices made where the spec is silent:
- Rules run inside the transaction of the change that triggered them, in position order, so the
  user's change and the rules' effects are committed (or rolled back) together.
- A rule's own effects never trigger rules again (depth 1): while actions run, the session carries
  a marker (`session.info[RUNNING]`) and the subscriber ignores the events they publish. Two rules
  that undo each other therefore cannot loop.
- Actions are attributed to no user (by_id None, shown as "rxcrm"), so the person whose change fired
  the rule is notified like everybody else. set_owner goes through `update_record` (history,
  notifications, owners following) and keeps the contact/opportunity owner coupling of spec §1.2.
- A failing action never loses the user's change: each action checks everything it needs (active
  user, existing category, the coupling) before writing; if a check fails the action is skipped,
  nothing of it is written and a warning is logged. Errors of the database itself still abort.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlmodel import Session, SQLModel, select

from rxcrm.db.models import Activity, ActivityCategory, Notification, Opportunity, User, WorkflowRule
from rxcrm.domain.accounts.ownership import DECOUPLED, check_opportunity_owner_change
from rxcrm.domain.errors import DomainError, NotFound, ValidationFailed
from rxcrm.domain.settings.workflows import ENTITIES, rule_matches, validate_rule
from rxcrm.services.accounts.ownership import (
    after_contact_owner_change,
    after_opportunity_owner_change,
    contact_owner_of,
)
from rxcrm.services.people.access import users_who_see
from rxcrm.services.people.reads import require_read
from rxcrm.services.people.users import require_admin
from rxcrm.services.records.changes import UNTRACKED, delete_record, insert_record, update_record
from rxcrm.services.records.events import ChangeEvent
from rxcrm.services.records.followers import FOLLOWABLE_MODELS, add_followers
from rxcrm.services.records.listing import FIRST_PAGE, ListWindow, Page, place_last_unless_given
from rxcrm.services.settings.toggles import current_settings

ENTITY = "workflow_rule"
RUNNING = "rxcrm_workflow_running"
DEFINITION = ("name", "entity", "trigger", "trigger_field", "condition", "action", "action_params", "active")
log = logging.getLogger(__name__)


def rule_fields() -> dict[str, set[str]]:
    """The fields a trigger or condition may name, per entity."""
    return {e: set(FOLLOWABLE_MODELS[e].model_fields) - UNTRACKED for e in ENTITIES}


def list_rules(
    session: Session, actor: User, entity: str | None = None, window: ListWindow = FIRST_PAGE
) -> Page:
    """The workflow rules in the order they run (staff only)."""
    require_read(actor, "workflow_rules")
    statement = select(WorkflowRule)
    if entity is not None:
        statement = statement.where(WorkflowRule.entity == entity)
    order = (WorkflowRule.entity, WorkflowRule.position, WorkflowRule.id)
    return window.fetch(session, statement, order)


def get_rule(session: Session, actor: User, rule_id: Any) -> WorkflowRule:
    """One workflow rule by id (staff only)."""
    require_read(actor, "workflow_rules")
    rule = session.get(WorkflowRule, rule_id) if isinstance(rule_id, int) else None
    if rule is None:
        raise NotFound(f"workflow rule {rule_id} not found")
    return rule


def _check_references(session: Session, values: dict[str, Any]) -> None:
    params = values["action_params"]
    if "user_id" in params:
        user = session.get(User, params["user_id"])
        if user is None or not user.active:
            raise ValidationFailed.from_fields({"action_params.user_id": "no such active user"})
    if "category_id" in params and session.get(ActivityCategory, params["category_id"]) is None:
        raise ValidationFailed.from_fields({"action_params.category_id": "no such activity category"})


def create_rule(session: Session, actor: User, data: dict[str, Any]) -> WorkflowRule:
    """Admin adds a rule; it runs last among its entity's rules unless given a position."""
    require_admin(actor, "configure workflow rules")
    values = validate_rule(data, rule_fields())
    _check_references(session, values)
    place_last_unless_given(session, values, WorkflowRule.position, WorkflowRule.entity == values["entity"])
    return insert_record(session, ENTITY, WorkflowRule(**values, created_by_id=actor.id), actor)


def update_rule(session: Session, actor: User, rule_id: int, data: dict[str, Any]) -> WorkflowRule:
    """Admin changes a rule (e.g. switches it off); the whole definition must stay valid."""
    require_admin(actor, "configure workflow rules")
    rule = get_rule(session, actor, rule_id)
    merged = {**{k: getattr(rule, k) for k in (*DEFINITION, "position")}, **data}
    values = validate_rule(merged, rule_fields())
    _check_references(session, values)
    update_record(session, ENTITY, rule, values, actor)
    return rule


def delete_rule(session: Session, actor: User, rule_id: int) -> None:
    """Admin removes a rule."""
    require_admin(actor, "configure workflow rules")
    delete_record(session, ENTITY, get_rule(session, actor, rule_id), actor)


def _active_user(session: Session, user_id: Any) -> User:
    user = session.get(User, user_id) if isinstance(user_id, int) else None
    if user is None or not user.active:
        raise ValidationFailed.from_fields({"user_id": "no such active user"})
    return user


def _set_owner(session: Session, entity: str, record: SQLModel, params: dict[str, Any]) -> None:
    owner = _active_user(session, params.get("user_id"))
    if isinstance(record, Opportunity):
        decoupled = current_settings(session)[DECOUPLED]
        check_opportunity_owner_change(decoupled, contact_owner_of(session, record.contact_id), owner.id)
    if not update_record(session, entity, record, {"owner_id": owner.id}, None):
        return
    if entity == "contact":
        after_contact_owner_change(session, None, record)
    elif entity == "opportunity":
        after_opportunity_owner_change(session, record)


def _add_follower(session: Session, entity: str, record: SQLModel, params: dict[str, Any]) -> None:
    add_followers(session, entity, record.id, [_active_user(session, params.get("user_id")).id])


def _notify(session: Session, entity: str, record: SQLModel, params: dict[str, Any]) -> None:
    user = _active_user(session, params.get("user_id"))
    if not users_who_see(session, type(record), record.id, {user.id}):
        raise ValidationFailed.from_fields({"user_id": "may not see this record"})
    session.add(Notification(user_id=user.id, entity=entity, entity_id=record.id, message=params["message"]))
    session.flush()


def _create_activity(session: Session, entity: str, record: SQLModel, params: dict[str, Any]) -> None:
    category = session.get(ActivityCategory, params.get("category_id"))
    if category is None:
        raise ValidationFailed.from_fields({"category_id": "no such activity category"})
    activity = Activity(entity=entity, entity_id=record.id, category_id=category.id, note=params.get("note"))
    insert_record(session, "activity", activity, None)


PERFORM = {
    "set_owner": _set_owner,
    "add_follower": _add_follower,
    "notify": _notify,
    "create_activity": _create_activity,
}


def _perform(session: Session, rule: WorkflowRule, entity: str, record: SQLModel) -> None:
    try:
        PERFORM[rule.action](session, entity, record, dict(rule.action_params or {}))
    except DomainError as exc:
        log.warning("workflow rule %s (%s) skipped on %s %s: %s", rule.id, rule.name, entity, record.id, exc)


def run_workflow_rules(session: Session, change: ChangeEvent) -> None:
    """Run the active rules that match a user's change of an account, contact or opportunity."""
    if session.info.get(RUNNING) or change.entity not in ENTITIES or change.action == "delete":
        return
    rules = session.exec(
        select(WorkflowRule)
        .where(WorkflowRule.entity == change.entity, WorkflowRule.active.is_(True))
        .order_by(WorkflowRule.position, WorkflowRule.id)
    ).all()
    record = session.get(FOLLOWABLE_MODELS[change.entity], change.entity_id) if rules else None
    if record is None:
        return
    values = record.model_dump()
    session.info[RUNNING] = True
    try:
        for rule in rules:
            if rule_matches(rule, change.entity, change.action, change.changes, values):
                _perform(session, rule, change.entity, record)
    finally:
        session.info.pop(RUNNING, None)
