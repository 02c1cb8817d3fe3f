"""Dashboard widget: sales activities done on records the viewer may see, per category and author."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, false, func, or_, true
from sqlmodel import Session, select

from rxcrm.analytics.widget_queries import moments_between, team_members
from rxcrm.db.models import Account, Activity, ActivityCategory, User
from rxcrm.domain.dashboards.widgets import WidgetParams
from rxcrm.services.people.access import PERMISSION_ENTITY, record_clause, sees_everything
from rxcrm.services.people.permissions import can
from rxcrm.services.records.activities import RECORD_MODELS, on_visible_records

Rows = list[dict[str, Any]]


def _visible_entities(session: Session, actor: User) -> Any:
    """SQL, for a viewer whose scope narrows no records: the activity's record kind may be seen.

    Cheaper than looking each record up (one test per kind, plus others' private accounts), so the
    count can run per author and category on the (author, category, day) index.
    """
    allowed = [
        entity
        for entity, model in RECORD_MODELS.items()
        if model not in PERMISSION_ENTITY or can(session, actor, PERMISSION_ENTITY[model], "view")
    ]
    private = select(Account.id).where(~func.coalesce(record_clause(Account, actor), false()))
    return and_(
        Activity.entity.in_(allowed),
        or_(Activity.entity != "account", Activity.entity_id.not_in(private)),
    )


def _activity_counts(session: Session, actor: User, params: WidgetParams) -> list[tuple[int, int, int]]:
    """(category id, author id, count) of the activities the viewer may count."""
    if sees_everything(actor):
        counted = moments_between(
            select(func.count())
            .select_from(Activity)
            .where(
                Activity.author_id == User.id,
                Activity.category_id == ActivityCategory.id,
                _visible_entities(session, actor),
            ),
            Activity.at,
            params,
            actor.time_zone,
        ).scalar_subquery()
        statement = select(ActivityCategory.id, User.id, counted).join(User, true())
        author: Any = User.id
    else:
        statement = select(Activity.category_id, Activity.author_id, func.count()).where(
            Activity.author_id.is_not(None), on_visible_records(actor)
        )
        statement = moments_between(statement, Activity.at, params, actor.time_zone)
        statement = statement.group_by(Activity.category_id, Activity.author_id)
        author = Activity.author_id
    if params.owner_id is not None:
        statement = statement.where(author == params.owner_id)
    if params.team is not None:
        statement = statement.where(author.in_(team_members(params.team)))
    return [(int(c), int(a), int(n)) for c, a, n in session.exec(statement).all() if n]


def activities(session: Session, actor: User, params: WidgetParams) -> Rows:
    """Sales activities done in the range on records the viewer may see, per category and author.

    Owner and team filters name the author; activities without an author are not counted. A viewer
    whose scope narrows no records counts every activity on a kind of record his/her role may view
    (others' private accounts excepted). Rows in category order, then by user.
    """
    categories = {
        cid: (position, name)
        for cid, position, name in session.exec(
            select(ActivityCategory.id, ActivityCategory.position, ActivityCategory.name)
        ).all()
    }
    counts = sorted(_activity_counts(session, actor, params), key=lambda row: (*categories[row[0]], row[1]))
    return [{"category": categories[cid][1], "user_id": author, "count": n} for cid, author, n in counts]
