"""Routing stored or arriving leads through the splitter, and telling the new owners."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from rxcrm.db.bulk import insert_rows, update_rows
from rxcrm.db.models import Change, Lead, Notification
from rxcrm.db.session import lock_for_writing
from rxcrm.db.types import utcnow
from rxcrm.domain.leads.lifecycle import LEADS_TOPIC, NOT_ROUTED, OPEN, ROUTED
from rxcrm.services.leads.routing import Route, load_counters, route, save_counters
from rxcrm.services.records.events import touch

log = logging.getLogger(__name__)
ENTITY = "lead"
Rows = Sequence[Mapping[str, Any]]  # leads as stored or arriving, one mapping of column values each
Routes = Sequence[Route | None]  # the splitter's decision per lead (None: not routed)


def decide_routes(session: Session, rows: list[dict[str, Any]]) -> list[Route | None]:
    """Route the leads by the splitter (counters advanced in this unit); a failure leaves them unprocessed.

    Deciding before the INSERT writes each lead once; a rule that breaks (or a failing counter
    update, rolled back to its savepoint) never costs a lead: it is stored in the free pool instead.
    """
    try:
        with session.begin_nested():
            counters = load_counters(session)
            routes = route(counters, rows)
            save_counters(session, counters)
            return routes
    except Exception:  # a broken rule must never lose a lead: log it, keep the leads unprocessed
        log.exception("lead routing failed; %d leads left unprocessed", len(rows))
        return [None] * len(rows)


def _unassigned() -> dict[str, Any]:
    return {"owner_id": None, "partner_id": None, "rule_id": None, "routing": NOT_ROUTED}


def assignment(row: Mapping[str, Any], decision: Route) -> dict[str, Any]:
    partner = decision.partner_id if decision.partner_id is not None else row.get("partner_id")
    return {
        "owner_id": decision.owner_id,
        "partner_id": partner,
        "rule_id": decision.rule_id,
        "routing": ROUTED,
    }


def record_assignments(session: Session, rows: Rows, routes: Routes, by_id: int | None, now: Any) -> None:
    """History line (owner or partner set) and the new owners' notifications for leads routed later."""
    changes = [
        {
            "entity": ENTITY,
            "entity_id": row["id"],
            "action": "update",
            "field": "owner_id" if r.owner_id is not None else "partner_id",
            "old": None,
            "new": str(r.owner_id if r.owner_id is not None else r.partner_id),
            "by_id": by_id,
            "at": now,
        }
        for row, r in zip(rows, routes, strict=True)
        if r is not None
    ]
    insert_rows(session, Change.__table__, changes)
    notify_owners(session, rows, routes, by_id, now)


def notify_owners(session: Session, rows: Rows, routes: Routes, by_id: int | None, now: Any) -> None:
    """Tell each new owner: one notification per owner and batch ("12 new leads assigned to you")."""
    per_owner: dict[int, list[Mapping[str, Any]]] = {}
    for row, r in zip(rows, routes, strict=True):
        if r is not None and r.owner_id is not None:
            per_owner.setdefault(r.owner_id, []).append(row)
    notices = [
        {
            "user_id": owner,
            "entity": ENTITY,
            "entity_id": leads[0]["id"],
            "message": (
                f"New lead assigned to you: {leads[0].get('name') or leads[0].get('email')}"[:500]
                if len(leads) == 1
                else f"{len(leads)} new leads assigned to you"
            ),
            "by_id": by_id,
            "read": False,
            "at": now,
        }
        for owner, leads in per_owner.items()
    ]
    insert_rows(session, Notification.__table__, notices)


def run_free_pool(session: Session, actor_id: int | None, limit: int = 100_000) -> dict[str, int]:
    """The splitter's "Run": route every open lead nobody owns, oldest first; the rest are unprocessed.

    The caller's unit must not have written anything yet (the write lock is taken first).
    """
    lock_for_writing(session)
    table = Lead.__table__
    pool = (
        session.connection()
        .execute(
            select(table)
            .where(
                table.c.status == OPEN,
                table.c.archived.is_(False),
                table.c.owner_id.is_(None),
                table.c.partner_id.is_(None),
            )
            .order_by(table.c.id)
            .limit(limit)
        )
        .mappings()
        .all()
    )
    rows = [dict(row) for row in pool]
    ids = [row["id"] for row in rows]
    routes = decide_routes(session, rows)
    now = utcnow()
    update_rows(
        session,
        table,
        [
            {**assignment(row, r), "id": row["id"]} if r is not None else {**_unassigned(), "id": row["id"]}
            for row, r in zip(rows, routes, strict=True)
        ],
    )
    record_assignments(session, rows, routes, actor_id, now)
    missed = sum(1 for r in routes if r is None)
    touch(session, LEADS_TOPIC, *ids)
    return {"routed": len(ids) - missed, "unprocessed": missed}
