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

from sqlalchemy import select
from sqlmodel import Session

from rxcrm.db.bulk import insert_rows, reserve_ids, update_rows
from rxcrm.db.models import Campaign, Change, Lead, Notification, Partner
from rxcrm.db.session import lock_for_writing
from rxcrm.db.types import utcnow
from rxcrm.domain.errors import ValidationFailed
from rxcrm.domain.history import CREATED
from rxcrm.domain.leads import MAX_BATCH, NOT_ROUTED, OPEN, ROUTED, duplicate_keys, validate_lead
from rxcrm.services.events import touch
from rxcrm.services.splitter import Route, load_counters, route, save_counters

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
    oldest = _stored_originals(session, rows)
    return [_earliest(row, oldest) for row in rows]


def _earliest(row: Mapping[str, Any], by_key: dict[str, dict[str, int]]) -> int | None:
    found = [hit for key in KEYS if (value := row.get(key)) and (hit := by_key[key].get(value)) is not None]
    return min(found) if found else None


def _stored_originals(session: Session, rows: Sequence[Mapping[str, Any]]) -> dict[str, dict[str, int]]:
    """Per key column, the oldest stored lead id of each key value the rows carry.

    One plain SQL statement per 900 keys (indexed lookups on the three key columns): it runs on every intake.
    """
    wanted = sorted({(key, row[key]) for row in rows for key in KEYS if row.get(key)})
    oldest: dict[str, dict[str, int]] = {key: {} for key in KEYS}
    connection = session.connection()
    marker = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    for chunk in _chunks(wanted, 900):
        parts, params = [], []
        for key in KEYS:
            values = [value for k, value in chunk if k == key]
            if values:
                holes = ", ".join([marker] * len(values))
                parts.append(
                    f"SELECT '{key}', {key}, min(id) FROM lead WHERE {key} IN ({holes}) GROUP BY {key}"
                )
                params.extend(values)
        for key, value, lead_id in connection.exec_driver_sql(
            " UNION ALL ".join(parts), tuple(params)
        ).fetchall():
            oldest[key][value] = lead_id
    return oldest


def _chunks(values: list[Any], size: int) -> list[list[Any]]:
    return [values[i : i + size] for i in range(0, len(values), size)]


def add_leads(
    session: Session, leads: Sequence[Mapping[str, Any]], by_id: int | None, origin: str
) -> list[dict[str, Any]]:
    """Store validated leads, link their duplicates and route them; returns each lead's assignment.

    The caller's unit must not have written anything yet: the write lock is taken here first.
    """
    return store_rows(session, lead_rows(leads, by_id), by_id, origin)


def lead_rows(leads: Sequence[Mapping[str, Any]], by_id: int | None) -> list[dict[str, Any]]:
    """Validated leads as complete table rows with their duplicate keys (pure; no id yet)."""
    template = _template(by_id, utcnow())
    return [_row(template, lead) for lead in leads]


def store_rows(
    session: Session, rows: list[dict[str, Any]], by_id: int | None, origin: str
) -> list[dict[str, Any]]:
    """`add_leads` for rows already built by `lead_rows` (the intake builds them before its group's turn)."""
    lock_for_writing(session)
    now = rows[0]["created_at"] if rows else utcnow()
    for row, lead_id in zip(rows, reserve_ids(session, Lead.__table__, len(rows)), strict=True):
        row["id"] = lead_id
    _link_duplicates(session, rows)
    routes = _decide_routes(session, rows)
    for row, decision in zip(rows, routes, strict=True):
        if decision is not None:
            row.update(_assignment(row, decision))
    insert_rows(session, Lead.__table__, rows)
    names = _assignee_names(session, routes)
    insert_rows(
        session,
        Change.__table__,
        [_created_line(row, r, names, by_id, now, origin) for row, r in zip(rows, routes, strict=True)],
    )
    notify_owners(session, rows, routes, by_id, now)
    touch(session, TOPIC, *(row["id"] for row in rows))
    return [
        {
            "id": row["id"],
            "owner_id": row["owner_id"],
            "partner_id": row["partner_id"],
            "duplicate_of_id": row["duplicate_of_id"],
            "rule_id": row["rule_id"],
        }
        for row in rows
    ]


def _template(by_id: int | None, now: Any) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(c.name for c in Lead.__table__.columns)
    row.update(
        status=OPEN,
        priority="normal",
        routing=NOT_ROUTED,
        archived=False,
        anonymized=False,
        created_by_id=by_id,
        created_at=now,
        updated_at=now,
    )
    return row


def _row(template: dict[str, Any], lead: Mapping[str, Any]) -> dict[str, Any]:
    row = {**template, **{k: v for k, v in lead.items() if v is not None}}
    row["custom"] = row["custom"] or {}
    row.update(duplicate_keys(row["name"], row["company"], row["email"], row["phone"]))
    return row


def _link_duplicates(session: Session, rows: list[dict[str, Any]]) -> None:
    """Each lead points at the oldest stored lead it repeats, else at its first occurrence in the batch."""
    stored = _stored_originals(session, rows)
    first: dict[str, dict[str, int]] = {key: {} for key in KEYS}
    for row in rows:
        original = _earliest(row, stored)
        row["duplicate_of_id"] = original if original is not None else _earliest(row, first)
        for key in KEYS:
            if row[key]:
                first[key].setdefault(row[key], row["id"])


def _assignee_names(session: Session, routes: Sequence[Route | None]) -> dict[tuple[str, int], str]:
    """Names of the users and partners the splitter picked (for the history line), one query per kind."""
    names: dict[tuple[str, int], str] = {}
    connection = session.connection()
    for kind, table, attribute in (("user", "user", "owner_id"), ("partner", "partner", "partner_id")):
        ids = sorted(
            {getattr(r, attribute) for r in routes if r is not None and getattr(r, attribute) is not None}
        )
        if ids:
            marker = "?" if connection.dialect.paramstyle == "qmark" else "%s"
            sql = f'SELECT id, name FROM "{table}" WHERE id IN ({", ".join([marker] * len(ids))})'
            names.update({(kind, i): n for i, n in connection.exec_driver_sql(sql, tuple(ids))})
    return names


def _created_line(
    row: Mapping[str, Any],
    decision: Route | None,
    names: dict[tuple[str, int], str],
    by_id: int | None,
    now: Any,
    origin: str,
) -> dict[str, Any]:
    """The lead's one history line: who it is, where it came from and where the splitter sent it."""
    text = f"{row['name'] or row['email']} ({origin})"
    if decision is not None:
        who = (
            ("user", decision.owner_id) if decision.owner_id is not None else ("partner", decision.partner_id)
        )
        text += f"; routed by rule '{decision.rule_name}' to {names.get(who, f'#{who[1]}')}"
    return {
        "entity": ENTITY,
        "entity_id": row["id"],
        "action": "create",
        "field": CREATED,
        "old": None,
        "new": text,
        "by_id": by_id,
        "at": now,
    }


def _decide_routes(session: Session, rows: list[dict[str, Any]]) -> list[Route | None]:
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


def _assignment(row: Mapping[str, Any], decision: Route) -> dict[str, Any]:
    partner = decision.partner_id if decision.partner_id is not None else row.get("partner_id")
    return {
        "owner_id": decision.owner_id,
        "partner_id": partner,
        "rule_id": decision.rule_id,
        "routing": ROUTED,
    }


def record_assignments(
    session: Session,
    rows: Sequence[Mapping[str, Any]],
    routes: Sequence[Route | None],
    by_id: int | None,
    now: Any,
) -> None:
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


def notify_owners(
    session: Session,
    rows: Sequence[Mapping[str, Any]],
    routes: Sequence[Route | None],
    by_id: int | None,
    now: Any,
) -> None:
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
    routes = _decide_routes(session, rows)
    now = utcnow()
    update_rows(
        session,
        table,
        [
            {**_assignment(row, r), "id": row["id"]} if r is not None else {**_unassigned(), "id": row["id"]}
            for row, r in zip(rows, routes, strict=True)
        ],
    )
    record_assignments(session, rows, routes, actor_id, now)
    missed = sum(1 for r in routes if r is None)
    touch(session, TOPIC, *ids)
    return {"routed": len(ids) - missed, "unprocessed": missed}
