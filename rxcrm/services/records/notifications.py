"""Notifications: made from change events for owners, second managers and followers."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, update
from sqlmodel import Session, select

from rxcrm.db.models import Activity, ActivityCategory, Notification, Stage, User
from rxcrm.domain.errors import NotFound
from rxcrm.domain.records.notifications import activity_message, change_message, recipients
from rxcrm.services.people.access import users_who_see
from rxcrm.services.pipeline.project_members import project_people
from rxcrm.services.records.events import ChangeEvent
from rxcrm.services.records.followers import FOLLOWABLE_MODELS, add_followers, follower_ids, manager_ids
from rxcrm.services.records.listing import FIRST_PAGE, ListWindow, Page


def _record_name(record: object) -> str:
    name = getattr(record, "name", None)
    if name is None and hasattr(record, "last_name"):
        name = " ".join(p for p in (getattr(record, "first_name", None), record.last_name) if p)
    return str(name or getattr(record, "id", ""))


def _people(session: Session, record: Any, entity: str, entity_id: int, by_id: int | None) -> set[int]:
    """Who hears of a change to a record: its owners and followers — for a deal also the responsibles and
    participants of its project, like its managers —, never the one who made it."""
    managers = (*manager_ids(record), *project_people(session, getattr(record, "project_id", None)))
    return recipients(managers, follower_ids(session, entity, entity_id), by_id)


def _actor_name(session: Session, by_id: int | None) -> str:
    """The name a notification gives the one who acted ('rxcrm' for the system)."""
    actor = session.get(User, by_id) if by_id else None
    return actor.name if actor else "rxcrm"


def _notify(session: Session, entity: str, entity_id: int, message: str, people: set[int], by_id: int | None):
    for user_id in sorted(users_who_see(session, FOLLOWABLE_MODELS[entity], entity_id, people)):
        session.add(
            Notification(user_id=user_id, entity=entity, entity_id=entity_id, message=message, by_id=by_id)
        )


def owners_follow_their_records(session: Session, change: ChangeEvent) -> None:
    """Owners and second managers follow a record from the moment they manage it."""
    model = FOLLOWABLE_MODELS.get(change.entity)
    if model is None or change.action == "delete":
        return
    record = session.get(model, change.entity_id)
    if record is not None:
        add_followers(session, change.entity, change.entity_id, manager_ids(record))


def notify_about_change(session: Session, change: ChangeEvent) -> None:
    """Tell the record's owners and followers what changed, never the one who changed it."""
    if change.entity == "activity":
        _notify_about_activity(session, change)
        return
    model = FOLLOWABLE_MODELS.get(change.entity)
    record = session.get(model, change.entity_id) if model else None
    if record is None:
        return
    people = _people(session, record, change.entity, change.entity_id, change.by_id)
    if people:
        stage = session.get(Stage, record.stage_id) if change.entity == "opportunity" else None
        message = change_message(
            _actor_name(session, change.by_id),
            change.entity,
            _record_name(record),
            change.changes,
            stage.name if stage else None,
        )
        _notify(session, change.entity, change.entity_id, message, people, change.by_id)


def _notify_about_activity(session: Session, change: ChangeEvent) -> None:
    activity = session.get(Activity, change.entity_id)
    model = FOLLOWABLE_MODELS.get(activity.entity) if activity and change.action == "create" else None
    record = session.get(model, activity.entity_id) if model else None
    if record is None:
        return
    people = _people(session, record, activity.entity, activity.entity_id, change.by_id)
    category = session.get(ActivityCategory, activity.category_id)
    message = activity_message(
        _actor_name(session, change.by_id),
        category.name if category else "activity",
        activity.entity,
        _record_name(record),
    )
    _notify(session, activity.entity, activity.entity_id, message, people, change.by_id)


def list_notifications(
    session: Session, user: User, unread_only: bool = False, window: ListWindow = FIRST_PAGE
) -> Page:
    """The user's notifications, newest first."""
    statement = select(Notification).where(Notification.user_id == user.id)
    if unread_only:
        statement = statement.where(Notification.read.is_(False))
    return window.fetch(session, statement, (Notification.at.desc(), Notification.id.desc()))


def unread_count(session: Session, user: User) -> int:
    """How many notifications the user has not read (the bell's number)."""
    return session.exec(
        select(func.count())
        .select_from(Notification)
        .where(Notification.user_id == user.id, Notification.read.is_(False))
    ).one()


def mark_read(session: Session, user: User, notification_id: int) -> Notification:
    """Mark one of the user's own notifications as read."""
    note = session.get(Notification, notification_id) if isinstance(notification_id, int) else None
    if note is None or note.user_id != user.id:
        raise NotFound(f"notification {notification_id} not found")
    note.read = True
    session.add(note)
    session.flush()
    return note


def mark_all_read(session: Session, user: User) -> int:
    """Mark every notification of the user as read; returns how many were unread."""
    result = session.exec(
        update(Notification)
        .where(Notification.user_id == user.id, Notification.read.is_(False))
        .values(read=True)
    )
    return result.rowcount or 0
