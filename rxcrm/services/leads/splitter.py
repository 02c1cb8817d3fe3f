"""The lead splitter: rules, their assignees and counters, and routing leads through them (spec §2.6).

Routing reads each rule's counters and writes them back, so it must run while the unit holds the
write lock: `db.session.lock_for_writing` (SQLite: BEGIN IMMEDIATE) and SELECT … FOR UPDATE on the
counter rows (PostgreSQL). Two concurrent intakes therefore never hand out the same slot.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, select

from rxcrm.db.bulk import update_rows
from rxcrm.db.models import Lead, Partner, SplitterRule, SplitterShare, User
from rxcrm.domain.errors import Forbidden, NotFound, ValidationFailed
from rxcrm.domain.leads.splitter import Conditions, RuleTest, matcher
from rxcrm.domain.leads.splitter_rules import condition_object, spelt_out, validate_rule
from rxcrm.domain.leads.splitter_shares import SplitPicker, split_error
from rxcrm.domain.records.validation import FieldErrors
from rxcrm.services.people.reads import require_read
from rxcrm.services.records.listing import next_position

MANAGERS = ("admin", "director")


@dataclass
class RuleCounters:
    """A rule's conditions, assignees and how many leads each has received (kept in memory while routing)."""

    rule_id: int
    name: str
    condition: RuleTest
    share_ids: list[int]
    users: list[int | None]
    partners: list[int | None]
    percents: list[int]
    counts: list[int]
    dirty: bool = False


@dataclass(frozen=True)
class Route:
    """Where one lead goes: the rule that matched and the assignee it picked."""

    rule_id: int
    owner_id: int | None
    partner_id: int | None
    rule_name: str = ""


COUNTERS_SQL = (
    "SELECT r.id, r.name, r.conditions, s.id, s.user_id, s.partner_id, s.percent, s.assigned "
    "FROM splitterrule r JOIN splittershare s ON s.rule_id = r.id WHERE r.active "
    "ORDER BY r.priority DESC, r.position, r.id, s.position, s.id"
)


def load_counters(session: Session) -> list[RuleCounters]:
    """The active rules in trial order with their counters, locked for this unit (FOR UPDATE on PostgreSQL).

    One plain SQL statement on the driver's cursor: it runs on every intake, so it skips the ORM and
    SQLAlchemy's result objects (which cost more than the query); the rules' parsed conditions are
    remembered by their stored text.
    """
    connection = session.connection()
    sql = COUNTERS_SQL + (" FOR UPDATE OF s" if connection.dialect.name == "postgresql" else "")
    cursor = connection.connection.dbapi_connection.cursor()
    try:
        cursor.execute(sql)
        found = cursor.fetchall()
    finally:
        cursor.close()
    rules: dict[int, RuleCounters] = {}
    for rule_id, name, conditions, share_id, user_id, partner_id, percent, assigned in found:
        rule = rules.get(rule_id)
        if rule is None:
            rule = rules[rule_id] = RuleCounters(rule_id, name, _conditions(conditions), [], [], [], [], [])
        rule.share_ids.append(share_id)
        rule.users.append(user_id)
        rule.partners.append(partner_id)
        rule.percents.append(percent)
        rule.counts.append(assigned)
    return list(rules.values())


_parsed: dict[str, Conditions] = {}
_parsed_lock = threading.Lock()
PARSED_MAX = 1024


def _conditions(stored: Any) -> Conditions:
    """A rule's conditions from their stored JSON, parsed once per distinct text (read on every intake).

    Keyed by the stored text itself, so an edited rule (new text) is parsed afresh at once; the
    counters are not cached: they are read from the database, locked, by every unit.
    """
    key = stored if isinstance(stored, str) else json.dumps(_stored(stored), sort_keys=True)
    found = _parsed.get(key)
    if found is None:
        found = Conditions.of(_stored(stored))
        with _parsed_lock:
            if len(_parsed) >= PARSED_MAX:
                _parsed.clear()
            _parsed[key] = found
    return found


def _stored(conditions: Any) -> list[dict[str, str]]:
    """A JSON column read by the driver: text on SQLite, already decoded on PostgreSQL."""
    return json.loads(conditions) if isinstance(conditions, str | bytes) else conditions


def route(counters: Sequence[RuleCounters], leads: Sequence[Mapping[str, Any]]) -> list[Route | None]:
    """Decide the assignee of each lead in arrival order, advancing the in-memory counters.

    The rules are compiled once for the batch, not per lead.
    """
    by_id = {c.rule_id: c for c in counters}
    pickers = {c.rule_id: SplitPicker(c.percents, c.counts) for c in counters}
    # one (immutable) Route per rule and assignee, shared by the leads that go there
    targets = {
        c.rule_id: [Route(c.rule_id, u, p, c.name) for u, p in zip(c.users, c.partners, strict=True)]
        for c in counters
    }
    first_match = matcher([(c.rule_id, c.condition) for c in counters])
    routes: list[Route | None] = []
    for lead in leads:
        rule_id = first_match(lead)
        if rule_id is None:
            routes.append(None)
            continue
        by_id[rule_id].dirty = True
        routes.append(targets[rule_id][pickers[rule_id].next()])  # next() advances the rule's counts
    return routes


def save_counters(session: Session, counters: Sequence[RuleCounters]) -> None:
    """Write the advanced counters back in one statement."""
    rows = [
        {"assigned": count, "id": share_id}
        for rule in counters
        if rule.dirty
        for share_id, count in zip(rule.share_ids, rule.counts, strict=True)
    ]
    update_rows(session, SplitterShare.__table__, rows)


# --- rules, as the admin edits them -------------------------------------------------------------


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
