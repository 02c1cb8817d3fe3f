"""Routing leads through the splitter rules: the rules' counters, read and locked, advanced, written back.

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

from sqlmodel import Session

from rxcrm.db.bulk import update_rows
from rxcrm.db.models import SplitterShare
from rxcrm.domain.leads.splitter import Conditions, RuleTest, matcher
from rxcrm.domain.leads.splitter_shares import SplitPicker


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
