"""What a rep does to a deal beyond editing it: move, win, lose, unlock, copy, bulk edit."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from rxcrm.db.models import BusinessRole, Opportunity, Stage, User
from rxcrm.domain.commerce.contracts import check_unlocked
from rxcrm.domain.errors import Conflict, NotFound, ValidationFailed
from rxcrm.domain.pipeline.board import check_bulk_ids, merged_tags, needs_reason
from rxcrm.domain.pipeline.opportunities import check_lost_reason
from rxcrm.services.commerce.sale import record_sale, sale_of
from rxcrm.services.people.permissions import require
from rxcrm.services.people.time_zones import today_for
from rxcrm.services.pipeline.opportunities import (
    ENTITY,
    create_opportunity,
    get_opportunity,
    stage_values,
    update_opportunity,
)
from rxcrm.services.pipeline.stages import first_open_stage
from rxcrm.services.records.changes import insert_record, update_record
from rxcrm.services.records.followers import add_followers

COPIED = ("account_id", "contact_id", "second_owner_id", "amount", "currency", "close_date", "campaign_id")
COPIED_TOO = ("partner_id", "project_id", "tags", "custom")


def _target_stage(session: Session, stage_id: Any) -> Stage:
    stage = (
        session.get(Stage, stage_id) if isinstance(stage_id, int) and not isinstance(stage_id, bool) else None
    )
    if stage is None:
        raise ValidationFailed.from_fields({"stage_id": "no such stage"})
    return stage


def stage_needs_reason(session: Session, stage_id: Any) -> bool:
    """Whether a move to this stage needs a reason (so the UI asks for it before moving)."""
    return needs_reason(_target_stage(session, stage_id).kind)


def move_opportunity(
    session: Session, actor: User, opportunity_id: int, stage_id: Any, reason: str | None = None
) -> Opportunity:
    """Drop a deal on another stage: status and probability follow; a lost stage needs a reason.

    Dropped on the lost stage it is already in with a reason, the deal takes the new reason.
    """
    deal = get_opportunity(session, actor, opportunity_id)
    require(session, actor, "opportunities", "edit")
    check_unlocked(deal.locked, "move it to another stage")
    stage = _target_stage(session, stage_id)
    if stage.id == deal.stage_id:
        if stage.kind == "lost" and reason is not None:
            _restate_lost_reason(session, actor, deal, reason)
        return deal
    values = stage_values(session, stage.id, deal.locked, deal.status, reason)
    update_record(session, ENTITY, deal, values, actor)
    session.flush()  # the move and its history are written: boards re-read the columns next
    return deal


def _stage_of_kind(session: Session, deal: Opportunity, kind: str) -> Stage:
    pipeline_id = session.get(Stage, deal.stage_id).pipeline_id
    stage = session.exec(
        select(Stage).where(Stage.pipeline_id == pipeline_id, Stage.kind == kind).order_by(Stage.position)
    ).first()
    if stage is None:
        raise Conflict(f"The pipeline has no {kind} stage: ask an admin to add one.")
    return stage


def _restate_lost_reason(session: Session, actor: User, deal: Opportunity, reason: str | None) -> None:
    update_record(session, ENTITY, deal, {"lost_reason": check_lost_reason(reason, "reason")}, actor)


def mark_lost(session: Session, actor: User, opportunity_id: int, reason: str | None) -> Opportunity:
    """Close a deal as lost, with the reason why, in its pipeline's lost stage.

    A deal already lost stays in its lost stage and takes the new reason.
    """
    deal = get_opportunity(session, actor, opportunity_id)
    check_unlocked(deal.locked, "mark it lost")
    if deal.status == "lost":
        require(session, actor, "opportunities", "edit")
        _restate_lost_reason(session, actor, deal, reason)
        return deal
    return move_opportunity(session, actor, deal.id, _stage_of_kind(session, deal, "lost").id, reason)


def mark_won(session: Session, actor: User, opportunity_id: int) -> Opportunity:
    """Close a deal as won in its pipeline's won stage (still editable)."""
    deal = get_opportunity(session, actor, opportunity_id)
    check_unlocked(deal.locked, "mark it won")
    return move_opportunity(session, actor, deal.id, _stage_of_kind(session, deal, "won").id)


def mark_sold(session: Session, actor: User, opportunity_id: int) -> Opportunity:
    """Sell a deal: each item of its active quote becomes a contract, the deal is won and locked.

    Without an active quote with items, or when it is sold already, nothing is written (conflict).
    """
    deal = get_opportunity(session, actor, opportunity_id)
    require(session, actor, "opportunities", "edit")
    check_unlocked(deal.locked, "sell it again")
    sale = sale_of(session, deal)
    mark_won(session, actor, deal.id)
    record_sale(session, actor, deal, sale, today_for(actor))
    update_record(session, ENTITY, deal, {"locked": True}, actor)
    return deal


def unlock_opportunity(session: Session, actor: User, opportunity_id: int) -> Opportunity:
    """Reopen a sold deal for edits."""
    deal = get_opportunity(session, actor, opportunity_id)
    require(session, actor, "opportunities", "edit")
    if not deal.locked:
        raise Conflict("This opportunity is not locked.")
    update_record(session, ENTITY, deal, {"locked": False}, actor)
    return deal


def copy_opportunity(session: Session, actor: User, opportunity_id: int) -> Opportunity:
    """A new open deal with the same fields and business roles, named 'Copy of …'.

    Its owner is chosen as for any new deal (the contact's owner, else the copier), and the copier
    follows it, so that he/she always sees the deal just created.
    """
    deal = get_opportunity(session, actor, opportunity_id)
    data: dict[str, Any] = {f: getattr(deal, f) for f in (*COPIED, *COPIED_TOO)}
    data["name"] = f"Copy of {deal.name}"[:200]
    stage = session.get(Stage, deal.stage_id)
    if stage.kind == "open":
        data["stage_id"] = stage.id
    else:
        data["stage_id"] = first_open_stage(session, stage.pipeline_id).id
    data["tags"], data["custom"] = list(deal.tags), dict(deal.custom)
    copy = create_opportunity(session, actor, {k: v for k, v in data.items() if v is not None})
    add_followers(session, ENTITY, copy.id, [actor.id])
    roles = session.exec(select(BusinessRole).where(BusinessRole.opportunity_id == deal.id)).all()
    for role in roles:
        insert_record(
            session,
            "business_role",
            BusinessRole(opportunity_id=copy.id, contact_id=role.contact_id, role=role.role, note=role.note),
            actor,
        )
    return copy


BULK_FIELDS = ("owner_id", "stage_id", "add_tags", "remove_tags")


def _bulk_deal(session: Session, actor: User, deal_id: int) -> Opportunity:
    """A deal of a bulk edit: visible, and not sold and locked (checked before anything changes)."""
    try:
        deal = get_opportunity(session, actor, deal_id)
    except NotFound as exc:
        raise ValidationFailed.from_fields({"ids": f"opportunity {deal_id} not found"}) from exc
    check_unlocked(deal.locked, f"change '{deal.name}' in a bulk edit")
    return deal


def bulk_update(session: Session, actor: User, ids: Any, changes: dict[str, Any]) -> int:
    """Change owner, stage or tags of many deals at once: all of them or none."""
    wanted = check_bulk_ids(ids)
    values = {k: v for k, v in changes.items() if k in BULK_FIELDS and v not in (None, [])}
    if not values:
        raise ValidationFailed.from_fields({"changes": "choose an owner, a stage or tags to change"})
    for deal in [_bulk_deal(session, actor, deal_id) for deal_id in wanted]:
        if "stage_id" in values:
            move_opportunity(session, actor, deal.id, values["stage_id"])
        edit: dict[str, Any] = {}
        if "owner_id" in values:
            edit["owner_id"] = values["owner_id"]
        if "add_tags" in values or "remove_tags" in values:
            edit["tags"] = merged_tags(deal.tags, values.get("add_tags"), values.get("remove_tags"))
        if edit:
            update_opportunity(session, actor, deal.id, edit)
    return len(wanted)
