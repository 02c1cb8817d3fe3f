"""Sales activities on records, and their categories."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, or_
from sqlmodel import Session, select

from rxcrm.db.models import Account, Activity, ActivityCategory, Contact, Lead, Opportunity, Partner, User
from rxcrm.domain.errors import Forbidden, NotFound, ValidationFailed
from rxcrm.domain.records.activities import validate_activity
from rxcrm.services.people.access import get_visible, visible
from rxcrm.services.records.changes import delete_record, insert_record, update_record
from rxcrm.services.records.events import ChangeEvent, touch
from rxcrm.services.records.listing import FIRST_PAGE, ListWindow, Page

ENTITY = "activity"
TOPIC = "activities"  # live refresh: dashboards count sales activities
RECORD_MODELS: dict[str, type] = {
    "account": Account,
    "contact": Contact,
    "lead": Lead,
    "opportunity": Opportunity,
    "partner": Partner,
}


def list_categories(session: Session, active_only: bool = True) -> list[ActivityCategory]:
    """Activity categories in display order."""
    statement = select(ActivityCategory).order_by(ActivityCategory.position, ActivityCategory.id)
    if active_only:
        statement = statement.where(ActivityCategory.active.is_(True))
    return list(session.exec(statement).all())


def _visible_record(session: Session, actor: User, entity: str, entity_id: int) -> None:
    """The record an activity is on, if the user may see it (hidden or missing: not found)."""
    model = RECORD_MODELS.get(entity)
    if model is None:
        raise ValidationFailed.from_fields({"entity": "activities on this kind of record arrive later"})
    get_visible(session, model, entity_id, actor, entity)


def _check_record(session: Session, actor: User, entity: str, entity_id: int) -> None:
    try:
        _visible_record(session, actor, entity, entity_id)
    except NotFound as exc:
        raise ValidationFailed.from_fields({"entity_id": f"no such {entity}"}) from exc


def list_activities(
    session: Session, actor: User, entity: str | None, entity_id: int | None, window: ListWindow = FIRST_PAGE
) -> Page:
    """A record's timeline, newest first (or every activity of visible records)."""
    statement = select(Activity).where(on_visible_records(actor))
    if entity is not None:
        if entity_id is not None:
            _visible_record(session, actor, entity, entity_id)
            statement = statement.where(Activity.entity_id == entity_id)
        statement = statement.where(Activity.entity == entity)
    return window.fetch(session, statement, (Activity.at.desc(), Activity.id.desc()))


def on_visible_records(actor: User) -> Any:
    """SQL: the activity is on a record the user may see."""
    return or_(
        *(
            and_(Activity.entity == entity, Activity.entity_id.in_(visible(select(model.id), model, actor)))
            for entity, model in RECORD_MODELS.items()
        )
    )


def category_names(session: Session) -> dict[int, str]:
    """Every activity category's name by id (inactive ones too: old activities still show theirs)."""
    return {cid: name for cid, name in session.exec(select(ActivityCategory.id, ActivityCategory.name)).all()}


def get_activity(session: Session, actor: User, activity_id: int) -> Activity:
    """One activity on a record the user may see."""
    activity = session.get(Activity, activity_id) if isinstance(activity_id, int) else None
    if activity is None:
        raise NotFound(f"activity {activity_id} not found")
    try:
        _check_record(session, actor, activity.entity, activity.entity_id)
    except ValidationFailed as exc:
        raise NotFound(f"activity {activity_id} not found") from exc
    return activity


def _category_by_name(session: Session, data: dict[str, Any]) -> dict[str, Any]:
    """The contract's `category` (a category's name) as the `category_id` it names."""
    if data.get("category") is None:
        return data
    name = str(data["category"]).strip().casefold()
    found = [c.id for c in list_categories(session, active_only=False) if c.name.casefold() == name]
    if not found:
        raise ValidationFailed.from_fields({"category": "no such category"})
    if data.get("category_id") not in (None, found[0]):
        raise ValidationFailed.from_fields({"category": "names another category than category_id"})
    return {**data, "category_id": found[0]}


def _clean(session: Session, data: dict[str, Any], creating: bool) -> dict[str, Any]:
    data = _category_by_name(session, data)
    validate_activity(data, creating)
    values = {k: data[k] for k in ("entity", "entity_id", "category_id", "at", "note") if k in data}
    if "category_id" in values and session.get(ActivityCategory, values["category_id"]) is None:
        raise ValidationFailed.from_fields({"category_id": "no such category"})
    if values.get("at") is None:
        values.pop("at", None)
    return values


def create_activity(session: Session, actor: User, data: dict[str, Any]) -> Activity:
    """Log an activity on a record the user may see; the actor is its author."""
    values = _clean(session, data, creating=True)
    _check_record(session, actor, values["entity"], values["entity_id"])
    activity = insert_record(session, ENTITY, Activity(**values, author_id=actor.id), actor)
    touch(session, TOPIC, activity.id)
    return activity


def update_activity(session: Session, actor: User, activity_id: int, data: dict[str, Any]) -> Activity:
    """Its author or an admin corrects an activity."""
    activity = get_activity(session, actor, activity_id)
    _require_author(actor, activity)
    values = {
        k: v for k, v in _clean(session, data, creating=False).items() if k not in ("entity", "entity_id")
    }
    update_record(session, ENTITY, activity, values, actor)
    touch(session, TOPIC, activity.id)
    return activity


def delete_activity(session: Session, actor: User, activity_id: int) -> None:
    """Its author or an admin removes an activity."""
    activity = get_activity(session, actor, activity_id)
    _require_author(actor, activity)
    touch(session, TOPIC, activity_id)
    delete_record(session, ENTITY, activity, actor)


def _require_author(actor: User, activity: Activity) -> None:
    if actor.role != "admin" and activity.author_id != actor.id:
        raise Forbidden("Only the author or an admin can change this activity.")


def drop_activities_of_deleted_records(session: Session, change: ChangeEvent) -> None:
    """A deleted lead, deal, account, contact or partner takes its sales activities along (as in any CRM)."""
    if change.action != "delete" or change.entity not in RECORD_MODELS:
        return
    gone = session.exec(
        select(Activity).where(Activity.entity == change.entity, Activity.entity_id == change.entity_id)
    ).all()
    for activity in gone:
        session.delete(activity)
    if gone:
        touch(session, TOPIC, *(a.id for a in gone))
