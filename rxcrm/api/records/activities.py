"""REST: /activities — sales activities logged on records."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from sqlmodel import Session

from rxcrm.api.deps import DB, Actor, IdFilter, PageWindow
from rxcrm.api.records.crud import CrudRoutes
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
    page = service.list_activities(session, actor, entity, entity_id, window.page)
    categories = service.category_names(session)
    return page_body(page, [_out(a, categories) for a in page.items])


crud = CrudRoutes(router, "activity", ActivityPublic, ActivityCreate, ActivityUpdate, out=_one)
crud.create(service.create_activity, "Log an activity on a record; the acting user is its author.")
crud.read(service.get_activity, "One activity.")
crud.update(service.update_activity, "Its author or an admin corrects an activity's category, time or note.")
crud.delete(service.delete_activity, "Its author or an admin removes an activity.")
