"""Many leads at once (intake endpoint, CSV import): validated, stored, de-duplicated and routed in bulk.

One unit of work per call: every lead is validated before anything is written (one bad lead
writes nothing), the leads are inserted first, then routed inside a savepoint, so a routing
failure leaves them in the free pool as unprocessed, never lost. Bulk statements (executemany)
keep this at tens of thousands of leads per second; history gets one creation line per lead and
one assignment line per routed lead.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import bindparam, func, insert, select, update
from sqlmodel import Session

from rxcrm.db.models import Campaign, Change, Lead, Notification, Partner
from rxcrm.db.session import lock_for_writing
from rxcrm.db.types import utcnow
from rxcrm.domain.errors import ValidationFailed
from rxcrm.domain.history import CREATED
from rxcrm.domain.leads import MAX_BATCH, NOT_ROUTED, OPEN, ROUTED, duplicate_keys, validate_lead
from rxcrm.services.events import touch
from rxcrm.services.splitter import load_counters, route, save_counters

log = logging.getLogger(__name__)
ENTITY = "lead"
TOPIC = "leads"
KEYS = ("email_key", "phone_key", "name_key")
INTAKE_FIELDS = frozenset(
    {
        "name",
        "company",
        "email",
        "phone",
        "country",
        "source",
        "campaign_id",
        "priority",
        "partner_id",
        "custom",
    }
)


def validate_batch(payloads: Sequence[Any], prefix: str = "leads") -> list[dict[str, Any]]:
    """Check every lead of a batch; the error names each wrong field as `leads.<n>.<field>`."""
    if not payloads:
        raise ValidationFailed.from_fields({prefix: "send at least one lead"})
    if len(payloads) > MAX_BATCH:
        raise ValidationFailed.from_fields({prefix: f"at most {MAX_BATCH} leads per request"})
    fields: dict[str, str] = {}
    cleaned: list[dict[str, Any]] = []
    for index, payload in enumerate(payloads):
        label = f"{prefix}.{index}" if len(payloads) > 1 else ""
        try:
            cleaned.append(_validate_one(payload))
        except ValidationFailed as exc:
            for field, message in exc.fields.items():
                fields.setdefault(f"{label}.{field}" if label else field, message)
        if len(fields) >= 50:
            break
    if fields:
        raise ValidationFailed.from_fields(fields)
    return cleaned


def _validate_one(payload: Any) -> dict[str, Any]:
    if not isinstance(payload, Mapping):
        raise ValidationFailed.from_fields({"lead": "must be a JSON object"})
    unknown = sorted(set(payload) - INTAKE_FIELDS)
    if unknown:
        raise ValidationFailed.from_fields({unknown[0]: "is not a lead field the intake accepts"})
    return validate_lead(payload, creating=True)


def check_references(session: Session, leads: Sequence[Mapping[str, Any]], prefix: str = "leads") -> None:
    """Campaigns and partners named by the leads must exist (one query per kind for the batch)."""
    fields: dict[str, str] = {}
    for field, model in (("campaign_id", Campaign), ("partner_id", Partner)):
        wanted = {lead[field] for lead in leads if lead.get(field) is not None}
        if not wanted:
            continue
        found = set(session.execute(select(model.id).where(model.id.in_(wanted))).scalars())
        for index, lead in enumerate(leads):
            if lead.get(field) is not None and lead[field] not in found:
                name = f"{prefix}.{index}.{field}" if len(leads) > 1 else field
                fields.setdefault(name, f"no such {model.__name__.lower()}")
    if fields:
        raise ValidationFailed.from_fields(fields)


def find_originals(session: Session, rows: Sequence[Mapping[str, Any]]) -> list[int | None]:
    """For each new lead, the oldest stored lead it duplicates (same e-mail, phone or name + company)."""
    oldest: dict[str, dict[str, int]] = {}
    for key in KEYS:
        wanted = {row[key] for row in rows if row.get(key)}
        oldest[key] = {}
        column = getattr(Lead, key)
        for chunk in _chunks(sorted(wanted), 900):
            found = session.execute(
                select(column, func.min(Lead.id)).where(column.in_(chunk)).group_by(column)
            ).all()
            oldest[key].update({value: lead_id for value, lead_id in found})
    originals: list[int | None] = []
    for row in rows:
        matches = [oldest[key][row[key]] for key in KEYS if row.get(key) and row[key] in oldest[key]]
        originals.append(min(matches) if matches else None)
    return originals


def _chunks(values: list[str], size: int) -> list[list[str]]:
    return [values[i : i + size] for i in range(0, len(values), size)]


def add_leads(
    session: Session, leads: Sequence[Mapping[str, Any]], by_id: int | None, origin: str
) -> list[dict[str, Any]]:
    """Store validated leads, link their duplicates and route them; returns each lead's assignment.

    The caller's unit must not have written anything yet: the write lock is taken here first.
    """
    lock_for_writing(session)
    now = utcnow()
    rows = [_row(lead, by_id, now) for lead in leads]
    originals = find_originals(session, rows)
    for row, original in zip(rows, originals, strict=True):
        row["duplicate_of_id"] = original
    table = Lead.__table__
    ids = list(
        session.connection()
        .execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows)
        .scalars()
    )
    _link_duplicates_within(session, rows, ids)
    _history(session, ids, rows, by_id, now, origin)
    routes = _route_in_savepoint(session, rows, ids, by_id, now)
    touch(session, TOPIC, *ids)
    return [
        {
            "id": lead_id,
            "owner_id": r.owner_id if r else None,
            "partner_id": r.partner_id if r else row.get("partner_id"),
            "duplicate_of_id": row["duplicate_of_id"],
            "rule_id": r.rule_id if r else None,
        }
        for lead_id, row, r in zip(ids, rows, routes, strict=True)
    ]


def _row(lead: Mapping[str, Any], by_id: int | None, now: Any) -> dict[str, Any]:
    row = {column.name: None for column in Lead.__table__.columns if column.name != "id"}
    row.update(
        status=OPEN,
        priority="normal",
        routing=NOT_ROUTED,
        archived=False,
        anonymized=False,
        custom={},
        created_by_id=by_id,
        created_at=now,
        updated_at=now,
    )
    row.update({k: v for k, v in lead.items() if v is not None})
    row.update(duplicate_keys(row["name"], row["company"], row["email"], row["phone"]))
    return row


def _link_duplicates_within(session: Session, rows: list[dict[str, Any]], ids: list[int]) -> None:
    """A lead repeated inside one batch points at its first occurrence."""
    first: dict[tuple[str, str], int] = {}
    links = []
    for row, lead_id in zip(rows, ids, strict=True):
        keys = [(key, row[key]) for key in KEYS if row.get(key)]
        earlier = [first[k] for k in keys if k in first]
        if row["duplicate_of_id"] is None and earlier:
            row["duplicate_of_id"] = min(earlier)
            links.append({"lead_id": lead_id, "original": row["duplicate_of_id"]})
        for k in keys:
            first.setdefault(k, lead_id)
    if links:
        table = Lead.__table__
        session.connection().execute(
            update(table)
            .where(table.c.id == bindparam("lead_id"))
            .values(duplicate_of_id=bindparam("original")),
            links,
        )


def _history(
    session: Session, ids: list[int], rows: list[dict[str, Any]], by_id: int | None, now: Any, origin: str
) -> None:
    lines = [
        {
            "entity": ENTITY,
            "entity_id": lead_id,
            "action": "create",
            "field": CREATED,
            "old": None,
            "new": f"{row['name'] or row['email']} ({origin})",
            "by_id": by_id,
            "at": now,
        }
        for lead_id, row in zip(ids, rows, strict=True)
    ]
    session.connection().execute(insert(Change.__table__), lines)


def _route_in_savepoint(
    session: Session, rows: list[dict[str, Any]], ids: list[int], by_id: int | None, now: Any
) -> list[Any]:
    """Route the stored leads; if routing fails they stay unprocessed in the free pool."""
    try:
        with session.begin_nested():
            counters = load_counters(session)
            routes = route(counters, rows)
            save_counters(session, counters)
            assign_routes(session, ids, rows, routes, by_id, now)
            return routes
    except Exception:  # a broken rule must never lose a lead: log it, keep the leads unprocessed
        log.exception("lead routing failed; %d leads left unprocessed", len(ids))
        return [None] * len(ids)


def assign_routes(
    session: Session,
    ids: Sequence[int],
    rows: Sequence[Mapping[str, Any]],
    routes: Sequence[Any],
    by_id: int | None,
    now: Any,
) -> None:
    """Write the routing decisions: owner or partner, rule, history line and the new owner's notification."""
    assigned = [(i, row, r) for i, row, r in zip(ids, rows, routes, strict=True) if r is not None]
    if not assigned:
        return
    table = Lead.__table__
    session.connection().execute(
        update(table)
        .where(table.c.id == bindparam("lead_id"))
        .values(
            owner_id=bindparam("owner"),
            partner_id=bindparam("partner"),
            rule_id=bindparam("rule"),
            routing=ROUTED,
        ),
        [
            {
                "lead_id": i,
                "owner": r.owner_id,
                "partner": r.partner_id if r.partner_id is not None else row.get("partner_id"),
                "rule": r.rule_id,
            }
            for i, row, r in assigned
        ],
    )
    changes = [
        {
            "entity": ENTITY,
            "entity_id": i,
            "action": "update",
            "field": "owner_id" if r.owner_id is not None else "partner_id",
            "old": None,
            "new": str(r.owner_id if r.owner_id is not None else r.partner_id),
            "by_id": by_id,
            "at": now,
        }
        for i, _row, r in assigned
    ]
    session.connection().execute(insert(Change.__table__), changes)
    notices = [
        {
            "user_id": r.owner_id,
            "entity": ENTITY,
            "entity_id": i,
            "message": f"New lead assigned to you: {row.get('name') or row.get('email')}"[:500],
            "by_id": by_id,
            "read": False,
            "at": now,
        }
        for i, row, r in assigned
        if r.owner_id is not None
    ]
    if notices:
        session.connection().execute(insert(Notification.__table__), notices)


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
    counters = load_counters(session)
    routes = route(counters, rows)
    save_counters(session, counters)
    now = utcnow()
    assign_routes(session, ids, rows, routes, actor_id, now)
    missed = [{"lead_id": i} for i, r in zip(ids, routes, strict=True) if r is None]
    if missed:
        session.connection().execute(
            update(table).where(table.c.id == bindparam("lead_id")).values(routing=NOT_ROUTED), missed
        )
    touch(session, TOPIC, *ids)
    return {"routed": len(ids) - len(missed), "unprocessed": len(missed)}
