"""REST: /activities — sales activities logged on records."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response
from sqlmodel import Session

from rxcrm.api.deps import DB, Actor, IdFilter, PageWindow
from rxcrm.api.serialize import page_body, public
from rxcrm.db.models import Activity
from rxcrm.db.schemas.activities import ActivityCreate, ActivityPublic, ActivityUpdate, RecordKind
from rxcrm.db.schemas.shapes import Page
from rxcrm.services.records import activities as service

router = APIRouter(prefix="/activities", tags=["activities"])


def _out(activity: Activity, categories: dict[int, str]) -> dict[str, Any]:
    return public(activity, category=categories.get(activity.category_id))


def _one(session: Session, activity: Activity) -> dict[str, Any]:
    return _out(activity, service.category_names(session))


@router.get("", response_model=Page[ActivityPublic])
def list_activities(
    session: DB,
    actor: Actor,
    window: PageWindow,
    entity: RecordKind | None = None,
    entity_id: IdFilter = None,
) -> dict[str, Any]:
    """A record's timeline (or every activity on records the user may see), newest first."""
    page = service.list_activities(session, actor, entity, entity_id, window.limit, window.offset)
    categories = service.category_names(session)
    return page_body(page, [_out(a, categories) for a in page.items])


@router.post("", status_code=201, response_model=ActivityPublic)
def create_activity(body: ActivityCreate, session: DB, actor: Actor) -> dict[str, Any]:
    """Log an activity on a record; the acting user is its author."""
    return _one(session, service.create_activity(session, actor, body.model_dump(exclude_unset=True)))


@router.get("/{activity_id}", response_model=ActivityPublic)
def read_activity(activity_id: int, session: DB, actor: Actor) -> dict[str, Any]:
    """One activity."""
    return _one(session, service.get_activity(session, actor, activity_id))


@router.patch("/{activity_id}", response_model=ActivityPublic)
def update_activity(activity_id: int, body: ActivityUpdate, session: DB, actor: Actor) -> dict[str, Any]:
    """Its author or an admin corrects an activity's category, time or note."""
    data = body.model_dump(exclude_unset=True)
    return _one(session, service.update_activity(session, actor, activity_id, data))


@router.delete("/{activity_id}", status_code=204)
def delete_activity(activity_id: int, session: DB, actor: Actor) -> Response:
    """Its author or an admin removes an activity."""
    service.delete_activity(session, actor, activity_id)
    return Response(status_code=204)
