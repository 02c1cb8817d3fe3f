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

from rxcrm.db.bulk import insert_rows, reserve_ids
from rxcrm.db.models import Campaign, Change, Lead, Partner
from rxcrm.db.session import lock_for_writing
from rxcrm.db.types import utcnow
from rxcrm.domain.errors import ValidationFailed
from rxcrm.domain.leads.duplicates import email_key, name_company_key, phone_key
from rxcrm.domain.leads.lifecycle import LEADS_TOPIC, MAX_BATCH, NOT_ROUTED, OPEN, validate_lead
from rxcrm.domain.records.history import CREATED
from rxcrm.services.leads.duplicates import link_duplicates
from rxcrm.services.leads.routing import Route
from rxcrm.services.leads.splitter_runs import assignment, decide_routes, notify_owners
from rxcrm.services.records.events import touch

log = logging.getLogger(__name__)
ENTITY = "lead"
TOPIC = LEADS_TOPIC
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
    link_duplicates(session, rows)
    routes = decide_routes(session, rows)
    for row, decision in zip(rows, routes, strict=True):
        if decision is not None:
            row.update(assignment(row, decision))
    insert_rows(session, Lead.__table__, rows, omit_null_columns=True)  # no column has a database default
    names = _assignee_names(session, routes)
    insert_rows(
        session,
        Change.__table__,
        [_created_line(row, r, names, by_id, now, origin) for row, r in zip(rows, routes, strict=True)],
        omit_null_columns=True,
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
    row = {**template, **lead}
    if None in lead.values():  # None means "not given": the template's value stays
        for key, value in lead.items():
            if value is None and key in template:
                row[key] = template[key]
            elif value is None:
                del row[key]
    if not row["custom"]:
        row["custom"] = {}
    # `duplicate_keys` written into the row directly (no dict per lead)
    row["email_key"] = email_key(row["email"])
    row["phone_key"] = phone_key(row["phone"])
    row["name_key"] = name_company_key(row["name"], row["company"])
    return row


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
