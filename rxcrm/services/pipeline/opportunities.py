"""Opportunities: list, create, edit and delete (the board and its moves build on these)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import String, cast, func, or_
from sqlmodel import Session, select

from rxcrm.db.models import Contact, Opportunity, Stage, User
from rxcrm.db.types import utcnow
from rxcrm.domain.commerce.contracts import check_unlocked
from rxcrm.domain.errors import ValidationFailed
from rxcrm.domain.people.guarded_fields import partner_field
from rxcrm.domain.pipeline.board import StageFacts, plan_move
from rxcrm.domain.pipeline.opportunities import check_lost_reason, validate_opportunity
from rxcrm.domain.records.validation import FieldErrors, clean_text
from rxcrm.services.accounts.ownership import (
    after_opportunity_owner_change,
    owner_after_opportunity_edit,
    owner_for_new_opportunity,
)
from rxcrm.services.people.access import get_visible
from rxcrm.services.people.field_visibility import check_sort
from rxcrm.services.people.permissions import require
from rxcrm.services.pipeline.stages import default_pipeline, first_open_stage, get_stage
from rxcrm.services.records.changes import delete_record, insert_record, update_record
from rxcrm.services.records.custom_fields import check_record_custom
from rxcrm.services.records.listing import FIRST_PAGE, ListWindow, Page, sort_clause
from rxcrm.services.records.record_lists import narrowed_records
from rxcrm.services.records.references import OPPORTUNITY_LINKS, check_links
from rxcrm.services.settings.toggles import current_settings

ENTITY = "opportunity"
LINKS = (
    "account_id",
    "contact_id",
    "owner_id",
    "second_owner_id",
    "partner_id",
    "campaign_id",
    "project_id",
)
PLAIN = ("close_date", "tags", "custom", "lost_reason")
SORTABLE = ("name", "amount", "close_date", "probability", "created_at", "updated_at")


@dataclass(frozen=True)
class OpportunityFilter:
    """What the opportunities list is narrowed to."""

    q: str | None = None
    stage_id: int | None = None
    status: str | None = None
    owner_id: int | None = None
    account_id: int | None = None
    contact_id: int | None = None
    partner_id: int | None = None
    project_id: int | None = None
    tag: str | None = None
    custom: Mapping[str, str] | None = None
    pipeline_id: int | None = None
    campaign_id: int | None = None
    project_ids: tuple[int, ...] | None = None  # deals of any of these projects (a project's deals)


FILTER_COLUMNS = (
    *("stage_id", "status", "owner_id", "account_id", "contact_id", "partner_id", "project_id"),
    "campaign_id",
)


def tag_clause(tag: str) -> Any:
    """Deals carrying a tag (case-insensitive), on SQLite and PostgreSQL alike.

    Tags are stored as JSON text in which non-ASCII letters are \\u escapes that SQL cannot lower-case,
    so the usual spellings of the tag (as typed, lower, upper, capitalised, title) are each looked for.
    """
    text = tag.strip()
    column = func.lower(cast(Opportunity.tags, String))
    spellings = {text, text.lower(), text.upper(), text.capitalize(), text.title()}
    return or_(*(column.like(f"%{_like_needle(s)}%", escape="\\") for s in sorted(spellings)))


def _like_needle(tag: str) -> str:
    quoted = json.dumps(tag).lower()
    return quoted.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def narrowed(session: Session, statement: Any, actor: User, flt: OpportunityFilter) -> Any:
    """A SELECT over opportunities limited to what the user may see and the filter asks for.

    A filter on a field hidden from the user (tags, custom values) is refused: it would be an oracle.
    """
    columns = (Opportunity.name,)
    statement = narrowed_records(session, actor, statement, Opportunity, ENTITY, flt, columns, FILTER_COLUMNS)
    if flt.tag and flt.tag.strip():
        statement = statement.where(tag_clause(flt.tag))
    if flt.pipeline_id is not None:
        statement = statement.where(
            Opportunity.stage_id.in_(select(Stage.id).where(Stage.pipeline_id == flt.pipeline_id))
        )
    if flt.project_ids is not None:
        statement = statement.where(Opportunity.project_id.in_(flt.project_ids))
    return statement


def list_opportunities(
    session: Session, actor: User, flt: OpportunityFilter, window: ListWindow = FIRST_PAGE
) -> Page:
    """One page of the opportunities the user may see."""
    statement = narrowed(session, select(Opportunity), actor, flt)
    order = opportunity_order(session, actor, window.sort)
    return window.fetch(session, statement, order)


def opportunity_order(session: Session, actor: User, sort: str | None) -> Any:
    """ORDER BY of a deal list or export; never by a field hidden from the user (amount, dates, …)."""
    check_sort(session, actor, ENTITY, sort)
    return sort_clause(Opportunity, sort, SORTABLE, "-updated_at")


def get_opportunity(session: Session, actor: User, opportunity_id: int) -> Opportunity:
    """One opportunity the user may see."""
    return get_visible(session, Opportunity, opportunity_id, actor, "opportunity")


def _clean(session: Session, actor: User, data: dict[str, Any], creating: bool) -> dict[str, Any]:
    values = validate_opportunity(data, creating)
    errors = FieldErrors()
    check_links(session, data, actor, errors, OPPORTUNITY_LINKS)
    if "stage_id" in data and (data["stage_id"] is None or session.get(Stage, data["stage_id"]) is None):
        errors.add("stage_id", "no such stage")
    if not creating and "owner_id" in data and data["owner_id"] is None:
        errors.add("owner_id", "an opportunity always has an owner")
    errors.raise_if_any()
    if "name" in data:
        values["name"] = clean_text(data["name"])
    for field in (*LINKS, *PLAIN, "stage_id", "probability"):
        if field in data:
            values[field] = data[field]
    if values.get("custom", {}) is None:
        values["custom"] = {}
    if "custom" in data or creating:
        values["custom"] = check_record_custom(session, ENTITY, data.get("custom") or {}, creating)
    _check_probability(values.get("probability"))
    return values


def _check_probability(probability: Any) -> None:
    if probability is None:
        return
    if isinstance(probability, bool) or not isinstance(probability, int) or not 0 <= probability <= 100:
        raise ValidationFailed.from_fields({"probability": "must be a whole number from 0 to 100"})


def stage_values(
    session: Session,
    stage_id: int,
    locked: bool,
    status: str,
    reason: str | None = None,
    reason_field: str = "reason",
) -> dict[str, Any]:
    """What a deal's fields become in a stage (status, probability, lost reason, closing time)."""
    stage = get_stage(session, stage_id)
    facts = StageFacts(stage.id, stage.kind, stage.probability)
    return plan_move(facts, locked, status, reason, utcnow(), reason_field)


def _apply_stage(
    session: Session,
    values: dict[str, Any],
    explicit_probability: bool,
    locked: bool = False,
    status: str = "",
) -> None:
    reason = values.pop("lost_reason", None)
    planned = stage_values(session, values["stage_id"], locked, status, reason, "lost_reason")
    if explicit_probability and planned["status"] == "open":
        planned.pop("probability")
    values.update(planned)


def create_opportunity(session: Session, actor: User, data: dict[str, Any]) -> Opportunity:
    """Add an opportunity: its owner defaults to the contact's owner, its stage to the first open."""
    require(session, actor, "opportunities", "add")
    values = _clean(session, actor, partner_field(actor, data, None), creating=True)
    if values.get("contact_id") is not None:
        values.setdefault("account_id", session.get(Contact, values["contact_id"]).account_id)
    values["owner_id"] = owner_for_new_opportunity(
        session, actor, values.get("owner_id"), values.get("contact_id")
    )
    if values.get("stage_id") is None:
        values["stage_id"] = first_open_stage(session, default_pipeline(session).id).id
    _apply_stage(session, values, values.get("probability") is not None)
    values.setdefault("currency", current_settings(session)["board_currency"])
    opportunity = Opportunity(**{k: v for k, v in values.items() if v is not None}, created_by_id=actor.id)
    return insert_record(session, ENTITY, opportunity, actor)


def update_opportunity(
    session: Session, actor: User, opportunity_id: int, data: dict[str, Any]
) -> Opportunity:
    """Change an opportunity; a new stage brings its status and probability along.

    A lost deal keeps a reason: editing it checks the new one like a move to a lost stage does.
    """
    opportunity = get_opportunity(session, actor, opportunity_id)
    require(session, actor, "opportunities", "edit")
    check_unlocked(opportunity.locked, "change its owner" if set(data) == {"owner_id"} else "edit it")
    values = _clean(session, actor, partner_field(actor, data, opportunity), creating=False)
    if "stage_id" in values and values["stage_id"] != opportunity.stage_id:
        _apply_stage(session, values, "probability" in data, opportunity.locked, opportunity.status)
    elif "lost_reason" in values:
        if opportunity.status != "lost":
            raise ValidationFailed.from_fields({"lost_reason": "only a lost deal has a lost reason"})
        values["lost_reason"] = check_lost_reason(values["lost_reason"])
    owner = owner_after_opportunity_edit(session, opportunity, values)
    if owner is not None:
        values["owner_id"] = owner
    changes = update_record(session, ENTITY, opportunity, values, actor)
    if any(c.field == "owner_id" for c in changes):
        after_opportunity_owner_change(session, opportunity)
    return opportunity


def delete_opportunity(session: Session, actor: User, opportunity_id: int) -> None:
    """Delete an opportunity (a sold, locked one only once it is unlocked)."""
    opportunity = get_opportunity(session, actor, opportunity_id)
    require(session, actor, "opportunities", "delete")
    check_unlocked(opportunity.locked, "delete it")
    delete_record(session, ENTITY, opportunity, actor)
