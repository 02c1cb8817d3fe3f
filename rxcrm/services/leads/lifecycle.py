"""Leads: lists by sales-activity state, create and edit, and the lifecycle (spec §2.2, §2.3)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, exists, func, not_
from sqlmodel import Session, select

from rxcrm.db.models import Activity, ActivityCategory, Lead, User
from rxcrm.domain.errors import Conflict, ValidationFailed
from rxcrm.domain.leads.lifecycle import (
    ARCHIVED,
    CALLED,
    DISQUALIFIED,
    FREE_POOL,
    LIST_STATES,
    MANUAL,
    NOT_ROUTED,
    OPEN,
    OPEN_LIST,
    QUALIFIED,
    RECEIVED_TODAY,
    UNPROCESSED,
    UNTOUCHED,
    check_open,
    check_reason,
    duplicate_keys,
    validate_lead,
)
from rxcrm.domain.leads.lifecycle import LEADS_TOPIC as TOPIC
from rxcrm.domain.people.guarded_fields import partner_field
from rxcrm.domain.people.time_zones import day_start_in
from rxcrm.domain.records.validation import FieldErrors
from rxcrm.services.leads.duplicates import find_originals, merged_into
from rxcrm.services.people.access import get_visible, visible
from rxcrm.services.people.field_visibility import check_sort, searchable
from rxcrm.services.people.permissions import require
from rxcrm.services.people.time_zones import today_for
from rxcrm.services.records.changes import delete_record, insert_record, update_record
from rxcrm.services.records.custom_fields import check_record_custom
from rxcrm.services.records.erasure import anonymize, delete_erasing, erase_qualified
from rxcrm.services.records.events import touch
from rxcrm.services.records.listing import FIRST_PAGE, ListWindow, Page, sort_clause
from rxcrm.services.records.record_lists import narrowed_records
from rxcrm.services.records.references import LEAD_LINKS, check_links

ENTITY = "lead"
SORTABLE = ("name", "company", "email", "source", "priority", "created_at", "updated_at")
EQUAL = ("owner_id", "partner_id", "campaign_id", "source")
CALL_CATEGORY = "call"


@dataclass(frozen=True)
class LeadFilter:
    """What a lead list is narrowed to."""

    q: str | None = None
    state: str | None = None
    owner_id: int | None = None
    partner_id: int | None = None
    campaign_id: int | None = None
    source: str | None = None
    duplicates: bool = False
    custom: Mapping[str, str] | None = None


def _activity_on_lead(*conditions: Any) -> Any:
    return exists().where(Activity.entity == ENTITY, Activity.entity_id == Lead.id, *conditions)


def state_clause(state: str, actor: User) -> Any:
    """The SQL condition of one lead list (open, untouched, received today on the user's calendar, …)."""
    live = and_(Lead.status == OPEN, Lead.archived.is_(False))
    free = and_(live, Lead.owner_id.is_(None), Lead.partner_id.is_(None))
    called = select(ActivityCategory.id).where(func.lower(ActivityCategory.name) == CALL_CATEGORY)
    clauses = {
        OPEN_LIST: live,
        UNTOUCHED: and_(live, not_(_activity_on_lead())),
        RECEIVED_TODAY: and_(live, Lead.created_at >= day_start_in(today_for(actor), actor.time_zone)),
        CALLED: and_(live, _activity_on_lead(Activity.category_id.in_(called))),
        QUALIFIED: and_(Lead.status == QUALIFIED, Lead.archived.is_(False)),
        DISQUALIFIED: and_(Lead.status == DISQUALIFIED, Lead.archived.is_(False)),
        ARCHIVED: Lead.archived.is_(True),
        FREE_POOL: free,
        UNPROCESSED: and_(free, Lead.routing == NOT_ROUTED),
    }
    if state not in clauses:
        raise ValidationFailed.from_fields({"state": f"must be one of: {', '.join(LIST_STATES)}"})
    return clauses[state]


def narrowed(session: Session, statement: Any, actor: User, flt: LeadFilter) -> Any:
    """A SELECT over leads limited to what the user may see and what the filter asks for."""
    columns = searchable(session, actor, ENTITY, Lead.name, Lead.company, Lead.email)
    statement = narrowed_records(session, actor, statement, Lead, ENTITY, flt, columns, EQUAL)
    if flt.state:
        statement = statement.where(state_clause(flt.state, actor))
    if flt.duplicates:
        statement = statement.where(Lead.duplicate_of_id.is_not(None))
    return statement


def lead_order(session: Session, actor: User, sort: str | None) -> Any:
    """ORDER BY of a lead list or export; never by a field hidden from the user."""
    check_sort(session, actor, ENTITY, sort)
    return sort_clause(Lead, sort, SORTABLE, "-created_at")


def list_leads(session: Session, actor: User, flt: LeadFilter, window: ListWindow = FIRST_PAGE) -> Page:
    """One page of the leads the user may see."""
    statement = narrowed(session, select(Lead), actor, flt)
    order = lead_order(session, actor, window.sort)
    return window.fetch(session, statement, order)


def lead_sources(session: Session, actor: User) -> list[str]:
    """The sources the user's visible leads came from, for the source filter."""
    statement = visible(select(Lead.source).where(Lead.source.is_not(None)), Lead, actor)
    return sorted(set(session.exec(statement.distinct()).all()))


def state_counts(session: Session, actor: User) -> dict[str, int]:
    """How many visible leads each list holds (the numbers on the list tabs)."""
    base = visible(select(func.count()).select_from(Lead), Lead, actor)
    return {
        state: session.execute(base.where(state_clause(state, actor))).scalar_one() for state in LIST_STATES
    }


def get_lead(session: Session, actor: User, lead_id: int) -> Lead:
    """One lead the user may see."""
    return get_visible(session, Lead, lead_id, actor, "lead")


def _clean(session: Session, actor: User, data: dict[str, Any], current: Lead | None) -> dict[str, Any]:
    values = validate_lead(data, creating=current is None)
    if current is not None and not (values.get("name", current.name) or values.get("email", current.email)):
        raise ValidationFailed.from_fields({"name": "a lead needs a name or an e-mail address"})
    errors_data = {k: v for k, v in data.items() if k in LEAD_LINKS or k in ("owner_id", "second_owner_id")}
    errors = FieldErrors()
    check_links(session, errors_data, actor, errors, LEAD_LINKS, current)
    errors.raise_if_any()
    if "custom" in data or current is None:
        values["custom"] = check_record_custom(session, ENTITY, data.get("custom") or {}, current is None)
    return values


def with_keys(values: dict[str, Any], current: Lead | None) -> dict[str, Any]:
    """The values with the duplicate-lookup keys of the lead they make (current fields where not given)."""
    merged = {f: values.get(f, getattr(current, f, None)) for f in ("name", "company", "email", "phone")}
    return {**values, **duplicate_keys(merged["name"], merged["company"], merged["email"], merged["phone"])}


def create_lead(session: Session, actor: User, data: dict[str, Any]) -> Lead:
    """A user enters a lead, checked for duplicates; its creator owns it unless the form names another
    owner or partner, or explicitly none (`owner_id: null` puts it in the free pool for the splitter)."""
    require(session, actor, "leads", "add")
    if "owner_id" not in data and "partner_id" not in data:
        data = {**data, "owner_id": actor.id, "partner_id": actor.partner_id}
    data = partner_field(actor, data, None)
    values = with_keys(_clean(session, actor, data, None), None)
    values["duplicate_of_id"] = find_originals(session, [values])[0]
    values["routing"] = MANUAL if values.get("owner_id") or values.get("partner_id") else NOT_ROUTED
    lead = Lead(**{k: v for k, v in values.items() if v is not None}, created_by_id=actor.id)
    insert_record(session, ENTITY, lead, actor)
    touch(session, TOPIC, lead.id)
    return lead


def update_lead(session: Session, actor: User, lead_id: int, data: dict[str, Any]) -> Lead:
    """Change a lead's fields (also: add it to an account or a partner, hand it to another owner)."""
    lead = get_lead(session, actor, lead_id)
    require(session, actor, "leads", "edit")
    if lead.anonymized:
        raise Conflict("An anonymized lead cannot be edited.")
    if "status" in data and data["status"] != lead.status:
        raise ValidationFailed.from_fields({"status": "use qualify or disqualify to change the status"})
    data = partner_field(actor, data, lead)
    values = with_keys(_clean(session, actor, data, lead), lead)
    if ("owner_id" in values or "partner_id" in values) and lead.routing == NOT_ROUTED:
        values["routing"] = MANUAL
    update_record(session, ENTITY, lead, values, actor)
    touch(session, TOPIC, lead.id)
    return lead


def delete_lead(session: Session, actor: User, lead_id: int, *, erase: bool = True) -> None:
    """Delete a lead; leads that named it as their original forget the link.

    History and notifications then forget the person, unless the lead is merged (`erase=False`): its
    person lives on in the original.
    """
    lead = get_lead(session, actor, lead_id)
    require(session, actor, "leads", "delete")
    for duplicate in session.exec(select(Lead).where(Lead.duplicate_of_id == lead.id)).all():
        duplicate.duplicate_of_id = None
        session.add(duplicate)
    if erase:
        delete_erasing(session, actor, ENTITY, lead, merged_into(session, lead.id))
    else:
        delete_record(session, ENTITY, lead, actor)
    touch(session, TOPIC, lead_id)


def disqualify_lead(session: Session, actor: User, lead_id: int, reason: Any, status: Any = None) -> Lead:
    """Close a lead as not worth pursuing; the reason is kept."""
    lead = get_lead(session, actor, lead_id)
    require(session, actor, "leads", "edit")
    if status not in (None, DISQUALIFIED):
        raise ValidationFailed.from_fields({"status": f"must be '{DISQUALIFIED}'"})
    check_open(lead.status, lead.archived, lead.anonymized, "disqualified")
    text = check_reason(reason)
    update_record(session, ENTITY, lead, {"status": DISQUALIFIED, "disqualify_reason": text}, actor)
    touch(session, TOPIC, lead.id)
    return lead


def set_archived(session: Session, actor: User, lead_id: int, archived: bool) -> Lead:
    """Archive a lead out of the working lists, or bring it back."""
    lead = get_lead(session, actor, lead_id)
    require(session, actor, "leads", "edit")
    if lead.archived == archived:
        raise Conflict(f"The lead is {'already' if archived else 'not'} archived.")
    update_record(session, ENTITY, lead, {"archived": archived}, actor)
    touch(session, TOPIC, lead.id)
    return lead


def anonymize_lead(session: Session, actor: User, lead_id: int) -> Lead:
    """Erase a lead's personal data irreversibly wherever it is named (services/records/erasure.py).

    A qualified lead's person also leaves the person account and contact it became and its deal's name.
    Status, source, campaign, owner and dates stay, so statistics are unchanged.
    """
    lead = get_lead(session, actor, lead_id)
    require(session, actor, "leads", "edit")
    if lead.anonymized:
        raise Conflict("The lead is already anonymized.")
    traces = anonymize(session, actor, ENTITY, lead, merged_into(session, lead.id))
    erase_qualified(session, actor, traces.terms, lead.account_id, lead.opportunity_id)
    touch(session, TOPIC, lead.id)
    return lead
