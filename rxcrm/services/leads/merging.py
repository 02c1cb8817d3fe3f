"""Merging a lead flagged as a duplicate into its original (spec §2.3)."""

from __future__ import annotations

from sqlmodel import Session, select

from rxcrm.db.models import Activity, Lead, User
from rxcrm.domain.errors import Conflict, ValidationFailed
from rxcrm.domain.records.history import FieldChange
from rxcrm.services.leads.duplicates import MERGED, MERGED_PREFIX
from rxcrm.services.leads.lifecycle import ENTITY, delete_lead, get_lead, with_keys
from rxcrm.services.people.permissions import require
from rxcrm.services.records.changes import update_record
from rxcrm.services.records.events import ChangeEvent, publish
from rxcrm.services.records.files import move_files


def _move_to_original(session: Session, duplicate_id: int, original_id: int) -> None:
    """The duplicate's activities, files and flagged duplicates now belong to the original."""
    move_files(session, ENTITY, duplicate_id, original_id)
    for activity in session.exec(
        select(Activity).where(Activity.entity == ENTITY, Activity.entity_id == duplicate_id)
    ).all():
        activity.entity_id = original_id
        session.add(activity)
    for other in session.exec(
        select(Lead).where(Lead.duplicate_of_id == duplicate_id, Lead.id != original_id)
    ).all():
        other.duplicate_of_id = original_id
        session.add(other)


def merge_duplicate(session: Session, actor: User, lead_id: int) -> Lead:
    """Fold a duplicate into its original: empty fields filled in, activities moved, the duplicate deleted."""
    duplicate = get_lead(session, actor, lead_id)
    if duplicate.duplicate_of_id is None:
        raise ValidationFailed.from_fields({"duplicate_of_id": "this lead is not marked as a duplicate"})
    original = get_lead(session, actor, duplicate.duplicate_of_id)
    require(session, actor, "leads", "edit")
    require(session, actor, "leads", "delete")
    if original.anonymized or duplicate.anonymized:
        raise Conflict("An anonymized lead cannot be merged.")
    fill = {
        f: getattr(duplicate, f)
        for f in ("name", "company", "email", "phone", "country", "source", "campaign_id")
        if getattr(original, f) in (None, "") and getattr(duplicate, f) not in (None, "")
    }
    if fill:
        update_record(session, ENTITY, original, with_keys(fill, original), actor)
    _move_to_original(session, duplicate.id, original.id)
    publish(
        session,
        ChangeEvent(
            ENTITY,
            original.id,
            "update",
            (FieldChange(MERGED, None, f"{MERGED_PREFIX}{duplicate.id}"),),
            actor.id,
        ),
    )
    delete_lead(session, actor, duplicate.id, erase=False)
    return original
