"""Following records: owners follow automatically; only some may remove someone else (see domain/records)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import bindparam
from sqlmodel import Session, select

from rxcrm.db.bulk import insert_rows
from rxcrm.db.models import Account, Contact, Follower, Lead, Opportunity, Partner, User
from rxcrm.db.types import utcnow
from rxcrm.domain.errors import ValidationFailed
from rxcrm.domain.records.following import check_remove_follower
from rxcrm.services.people.access import get_visible

FOLLOWABLE_MODELS: dict[str, type] = {
    "account": Account,
    "contact": Contact,
    "lead": Lead,
    "opportunity": Opportunity,
    "partner": Partner,
}


def manager_ids(record: object) -> tuple[int | None, int | None]:
    """The owner and second manager of a record (a partner has no second manager)."""
    return getattr(record, "owner_id", None), getattr(record, "second_owner_id", None)


def followed_record(session: Session, actor: User, entity: str, entity_id: int):  # noqa: ANN201
    """The record behind a follow request, if the user may see it."""
    model = FOLLOWABLE_MODELS.get(entity)
    if model is None:
        raise ValidationFailed.from_fields({"entity": f"cannot follow a {entity}"})
    return get_visible(session, model, entity_id, actor, entity)


# Built once: every create and edit of a followable record runs them.
_RECORD = (Follower.entity == bindparam("entity")) & (Follower.entity_id == bindparam("entity_id"))
_PRESENT = select(Follower.user_id).where(_RECORD, Follower.user_id.in_(bindparam("users", expanding=True)))
_FOLLOWERS = select(Follower.user_id).where(_RECORD).order_by(Follower.id)


def add_followers(session: Session, entity: str, entity_id: int, user_ids: Iterable[int | None]) -> list[int]:
    """Make users followers of a record (idempotent); returns who was newly added."""
    wanted = {u for u in user_ids if u is not None}
    if not wanted:
        return []
    present = set(
        session.execute(
            _PRESENT, {"entity": entity, "entity_id": entity_id, "users": sorted(wanted)}
        ).scalars()
    )
    added = sorted(wanted - present)
    now = utcnow()
    insert_rows(  # Core, not ORM objects: every new lead, contact, account and deal comes here
        session,
        Follower.__table__,
        [
            {"entity": entity, "entity_id": entity_id, "user_id": user_id, "created_at": now}
            for user_id in added
        ],
    )
    return added


def follower_ids(session: Session, entity: str, entity_id: int) -> list[int]:
    """Everyone following a record."""
    return list(session.execute(_FOLLOWERS, {"entity": entity, "entity_id": entity_id}).scalars())


def followers_of(session: Session, actor: User, entity: str, entity_id: int) -> list[User]:
    """The followers of a record the user may see."""
    followed_record(session, actor, entity, entity_id)
    return _follower_users(session, entity, entity_id)


def _follower_users(session: Session, entity: str, entity_id: int) -> list[User]:
    ids = follower_ids(session, entity, entity_id)
    users = {u.id: u for u in session.exec(select(User).where(User.id.in_(ids))).all()} if ids else {}
    return [users[i] for i in ids if i in users]


def follow(
    session: Session, actor: User, entity: str, entity_id: int, user_id: int | None = None
) -> list[User]:
    """Follow a record (yourself, or add another active user as follower)."""
    followed_record(session, actor, entity, entity_id)
    target = user_id if user_id is not None else actor.id
    user = session.get(User, target) if isinstance(target, int) else None
    if user is None or not user.active:
        raise ValidationFailed.from_fields({"user_id": "no such active user"})
    add_followers(session, entity, entity_id, [target])
    return followers_of(session, actor, entity, entity_id)


def unfollow(
    session: Session, actor: User, entity: str, entity_id: int, user_id: int | None = None
) -> list[User]:
    """Stop following a record (yourself, or, as its owner, an admin or a director, another follower)."""
    record = followed_record(session, actor, entity, entity_id)
    target = user_id if user_id is not None else actor.id
    owners = manager_ids(record)
    check_remove_follower(actor.id, actor.role, target, owners)
    for row in session.exec(
        select(Follower).where(
            Follower.entity == entity, Follower.entity_id == entity_id, Follower.user_id == target
        )
    ).all():
        session.delete(row)
    session.flush()
    # Not followers_of: unfollowing may take away the very access that let the user see the record.
    return _follower_users(session, entity, entity_id)


def is_following(session: Session, user: User, entity: str, entity_id: int) -> bool:
    """Whether the user follows the record."""
    return (
        session.exec(
            select(Follower.id).where(
                Follower.entity == entity, Follower.entity_id == entity_id, Follower.user_id == user.id
            )
        ).first()
        is not None
    )
