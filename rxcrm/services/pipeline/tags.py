"""The tags in use on the deals a user may see: the list view's colour-coded filter chips."""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import func, true
from sqlmodel import Session, select

from rxcrm.db.models import Opportunity, User
from rxcrm.services.people.access import visible
from rxcrm.services.people.field_visibility import hidden_fields, hidden_for_viewer

# Where the database cannot unnest JSON arrays, count the tags of this many recent deals only.
FALLBACK_DEALS = 2000
TAG_ELEMENTS = {"sqlite": "json_each", "postgresql": "json_array_elements_text"}


def tags_in_use(session: Session, actor: User, limit: int = 30) -> list[str]:
    """Distinct tags (case-insensitive) of the deals the user may see, most used first."""
    if limit < 1 or "tags" in hidden_fields(session, actor, "opportunity"):
        return []
    function = TAG_ELEMENTS.get(session.get_bind().dialect.name)
    if function is None:
        return _counted_in_python(session, actor, limit)
    elements = getattr(func, function)(Opportunity.tags).table_valued("value").alias("tag")
    key = func.lower(elements.c.value)
    statement = (
        select(func.min(elements.c.value), func.count())
        .select_from(Opportunity)
        .join(elements, true())
        .where(func.trim(elements.c.value) != "")
        .group_by(key)
        .order_by(func.count().desc(), key)
        .limit(limit)
    )
    return [label for label, _ in session.exec(visible(statement, Opportunity, actor)).all()]


def tags_by_deal(session: Session, deals: list[Opportunity]) -> dict[int, list[str]]:
    """Each listed deal's tags, or none at all when the viewing user may not see the tags field."""
    hidden = "tags" in hidden_for_viewer(session, "opportunity")
    return {d.id: [] if hidden else _texts(d.tags) for d in deals}


def _counted_in_python(session: Session, actor: User, limit: int) -> list[str]:
    statement = select(Opportunity.tags).order_by(Opportunity.updated_at.desc()).limit(FALLBACK_DEALS)
    counts: Counter[str] = Counter()
    labels: dict[str, str] = {}
    for tags in session.exec(visible(statement, Opportunity, actor)).all():
        for tag in _texts(tags):
            key = tag.lower()
            counts[key] += 1
            labels[key] = min(labels.get(key, tag), tag)
    ranked = sorted(counts, key=lambda k: (-counts[k], k))
    return [labels[k] for k in ranked[:limit]]


def _texts(tags: Any) -> list[str]:
    return [t for t in tags if isinstance(t, str) and t.strip()] if isinstance(tags, list) else []
