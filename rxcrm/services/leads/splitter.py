"""The lead splitter's rules as managers edit them: list, save, reorder, delete, reset counters (spec §2.6).

Routing leads through these rules is `services/leads/routing.py`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, select

from rxcrm.db.models import Lead, Partner, SplitterRule, SplitterShare, User
from rxcrm.domain.errors import Forbidden, NotFound, ValidationFailed
from rxcrm.domain.leads.splitter_rules import condition_object, spelt_out, validate_rule
from rxcrm.domain.leads.splitter_shares import split_error
from rxcrm.domain.records.validation import FieldErrors
from rxcrm.services.people.reads import require_read
from rxcrm.services.records.listing import next_position

MANAGERS = ("admin", "director")


def require_manager(actor: User) -> None:
    if actor.role not in MANAGERS:
        raise Forbidden("Only an admin or a sales director can change the lead splitter.")


def list_rules(session: Session, viewer: User) -> list[dict[str, Any]]:
    """Every rule in trial order with its assignees, targets and actual split (staff only)."""
    require_read(viewer, "splitter_rules")
    rules = session.exec(
        select(SplitterRule).order_by(SplitterRule.priority.desc(), SplitterRule.position, SplitterRule.id)
    ).all()
    shares = session.exec(select(SplitterShare).order_by(SplitterShare.position, SplitterShare.id)).all()
    users = {u.id: u.name for u in session.exec(select(User)).all()}
    partners = {p.id: p.name for p in session.exec(select(Partner)).all()}
    return [_rule_out(rule, [s for s in shares if s.rule_id == rule.id], users, partners) for rule in rules]


def _rule_out(
    rule: SplitterRule, shares: list[SplitterShare], users: dict[int, str], partners: dict[int, str]
) -> dict[str, Any]:
    total = sum(s.assigned for s in shares)
    return {
        "id": rule.id,
        "name": rule.name,
        **spelt_out(rule.conditions),
        "condition": condition_object(rule.conditions),
        "conditions": [dict(c) for c in rule.conditions],
        "priority": rule.priority,
        "position": rule.position,
        "active": rule.active,
        "routed": total,
        "split_error": float(split_error([s.percent for s in shares], [s.assigned for s in shares]))
        if shares
        else 0.0,
        "assignees": [
            {
                "user_id": s.user_id,
                "partner_id": s.partner_id,
                "name": users.get(s.user_id, "") if s.user_id else partners.get(s.partner_id, ""),
                "percent": s.percent,
                "assigned": s.assigned,
                "actual_percent": round(100 * s.assigned / total, 1) if total else 0.0,
                "target": round(s.percent * total / 100, 2),
            }
            for s in shares
        ],
    }


def get_rule(session: Session, rule_id: int, viewer: User) -> dict[str, Any]:
    """One rule with its assignees and split (staff only)."""
    found = [r for r in list_rules(session, viewer) if r["id"] == rule_id]
    if not found:
        raise NotFound(f"splitter rule {rule_id} not found")
    return found[0]


def _check_assignees_exist(session: Session, assignees: list[dict[str, Any]]) -> None:
    errors = FieldErrors()
    for item in assignees:
        if item["user_id"] is not None:
            user = session.get(User, item["user_id"]) if isinstance(item["user_id"], int) else None
            if user is None or not user.active:
                errors.add("assignees", f"no such active user: {item['user_id']}")
        else:
            partner = (
                session.get(Partner, item["partner_id"]) if isinstance(item["partner_id"], int) else None
            )
            if partner is None or not partner.active:
                errors.add("assignees", f"no such active partner: {item['partner_id']}")
    errors.raise_if_any()


def save_rule(
    session: Session, actor: User, data: Mapping[str, Any], rule_id: int | None = None
) -> dict[str, Any]:
    """Create or replace a rule; changing its assignees starts their counters afresh."""
    require_manager(actor)
    values = validate_rule(data)
    _check_assignees_exist(session, values["assignees"])
    if rule_id is None:
        rule = SplitterRule(position=next_position(session, SplitterRule.position))
    else:
        rule = session.get(SplitterRule, rule_id)
        if rule is None:
            raise NotFound(f"splitter rule {rule_id} not found")
    for key in ("name", "conditions", "priority", "active"):
        setattr(rule, key, values[key])
    if values["position"] is not None:
        rule.position = values["position"]
    session.add(rule)
    session.flush()
    old = session.exec(select(SplitterShare).where(SplitterShare.rule_id == rule.id)).all()
    old_split = [(s.user_id, s.partner_id, s.percent) for s in old]
    new_split = [(a["user_id"], a["partner_id"], a["percent"]) for a in values["assignees"]]
    if old_split != new_split:
        for share in old:
            session.delete(share)
        session.flush()
        for position, item in enumerate(values["assignees"]):
            session.add(SplitterShare(rule_id=rule.id, position=position, **item))
        session.flush()
    return get_rule(session, rule.id, actor)


CONDITION_KEYS = {"condition", "conditions", "field", "operator", "value"}


def update_rule(session: Session, actor: User, rule_id: int, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Change some of a rule's values (PATCH); the rest stay as they are."""
    require_manager(actor)
    current = get_rule(session, rule_id, actor)
    keep = ("name", "priority", "active", *([] if CONDITION_KEYS & changes.keys() else ["conditions"]))
    data: dict[str, Any] = {key: current[key] for key in keep}
    data["assignees"] = [
        {"user_id": a["user_id"], "partner_id": a["partner_id"], "percent": a["percent"]}
        for a in current["assignees"]
    ]
    return save_rule(session, actor, {**data, **changes}, rule_id)


def delete_rule(session: Session, actor: User, rule_id: int) -> None:
    """Remove a rule; leads it routed keep their owner and forget the rule."""
    require_manager(actor)
    rule = session.get(SplitterRule, rule_id)
    if rule is None:
        raise NotFound(f"splitter rule {rule_id} not found")
    session.exec(update(Lead).where(Lead.rule_id == rule_id).values(rule_id=None))
    for share in session.exec(select(SplitterShare).where(SplitterShare.rule_id == rule_id)).all():
        session.delete(share)
    session.delete(rule)
    session.flush()


def reorder_rules(session: Session, actor: User, rule_ids: list[int]) -> list[dict[str, Any]]:
    """Set the order rules of equal priority are tried in."""
    require_manager(actor)
    rules = {r.id: r for r in session.exec(select(SplitterRule)).all()}
    if sorted(rule_ids) != sorted(rules):
        raise ValidationFailed.from_fields({"rule_ids": "name every rule exactly once"})
    for position, rule_id in enumerate(rule_ids):
        rules[rule_id].position = position
        session.add(rules[rule_id])
    session.flush()
    return list_rules(session, actor)


def reset_counters(session: Session, actor: User, rule_id: int) -> dict[str, Any]:
    """Start a rule's split afresh (e.g. at the start of a quarter)."""
    require_manager(actor)
    if session.get(SplitterRule, rule_id) is None:
        raise NotFound(f"splitter rule {rule_id} not found")
    session.exec(update(SplitterShare).where(SplitterShare.rule_id == rule_id).values(assigned=0))
    session.flush()
    return get_rule(session, rule_id, actor)
