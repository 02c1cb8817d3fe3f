"""Sales-activity categories as admin-edited configuration."""

from __future__ import annotations

from sqlmodel import Session

from rxcrm.db.models import ActivityCategory, User
from rxcrm.domain.errors import ValidationFailed
from rxcrm.services.people.users import require_admin
from rxcrm.services.records.changes import insert_record, update_record
from rxcrm.services.records.listing import next_position
from rxcrm.services.settings.ordered_lists import check_unique_name, get_entry

ENTITY = "activity_category"


def _clean_name(session: Session, name: str, category_id: int | None) -> str:
    name = (name or "").strip()
    if not name or len(name) > 60:
        raise ValidationFailed.from_fields({"name": "is required (at most 60 characters)"})
    check_unique_name(session, ActivityCategory, name, category_id, "category")
    return name


def create_category(session: Session, actor: User, name: str) -> ActivityCategory:
    """Admin adds a category at the end of the list."""
    require_admin(actor, "configure activity categories")
    position = next_position(session, ActivityCategory.position)
    category = ActivityCategory(name=_clean_name(session, name, None), position=position)
    return insert_record(session, ENTITY, category, actor)


def update_category(
    session: Session, actor: User, category_id: int, name: str | None = None, active: bool | None = None
) -> ActivityCategory:
    """Admin renames a category or switches it off (existing activities keep it)."""
    require_admin(actor, "configure activity categories")
    category = get_entry(session, ActivityCategory, category_id, "activity category")
    values: dict = {}
    if name is not None:
        values["name"] = _clean_name(session, name, category.id)
    if active is not None:
        values["active"] = bool(active)
    update_record(session, ENTITY, category, values, actor)
    return category
