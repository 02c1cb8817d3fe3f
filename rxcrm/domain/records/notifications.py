"""What a notification says, and who receives it."""

from __future__ import annotations

from collections.abc import Iterable

from rxcrm.domain.records.history import CREATED, DELETED, FieldChange

ENTITY_LABELS = {"account": "account", "contact": "contact", "lead": "lead", "opportunity": "opportunity"}
FIELD_LABELS = {
    "owner_id": "the owner",
    "second_owner_id": "the second manager",
    "stage_id": "the stage",
    "status": "the status",
}


def recipients(owners: Iterable[int | None], followers: Iterable[int], actor_id: int | None) -> set[int]:
    """Owners, second managers and followers hear about a change; the actor never about his/her own."""
    people = {u for u in owners if u is not None} | set(followers)
    people.discard(actor_id)
    return people


def change_message(
    actor: str, entity: str, record: str, changes: tuple[FieldChange, ...], stage_name: str | None = None
) -> str:
    """One line saying who did what to which record (a stage move names the new stage)."""
    label = ENTITY_LABELS.get(entity, entity)
    fields = [c.field for c in changes]
    if CREATED in fields:
        return f"{actor} created {label} '{record}'"
    if DELETED in fields:
        return f"{actor} deleted {label} '{record}'"
    if "status" in fields:
        status = next(c.new for c in changes if c.field == "status")
        if status in ("won", "lost"):
            return f"{actor} marked {label} '{record}' as {status}"
    if "stage_id" in fields and stage_name:
        return f"{actor} moved {label} '{record}' to {stage_name}"
    named = [FIELD_LABELS.get(f, f.removesuffix("_id").replace("_", " ")) for f in fields[:3]]
    more = f" and {len(fields) - 3} more" if len(fields) > 3 else ""
    return f"{actor} changed {', '.join(named)}{more} on {label} '{record}'"


def activity_message(actor: str, category: str, entity: str, record: str) -> str:
    """A new sales activity on a followed record."""
    return f"{actor} logged a {category.lower()} on {ENTITY_LABELS.get(entity, entity)} '{record}'"
