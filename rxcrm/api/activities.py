"""REST: /activities — sales activities logged on records."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from fastapi import APIRouter, Response
from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import Session

from rxcrm.api.deps import DB, Actor, IdFilter, PageWindow, RecordId
from rxcrm.api.serialize import page_body, public
from rxcrm.db.models import Activity
from rxcrm.services import activities as service

router = APIRouter(prefix="/activities", tags=["activities"])
RecordKind = Literal["lead", "opportunity", "account", "partner", "contact"]


class ActivityIn(BaseModel):
    """Fields a client may send for an activity; the record it is on is fixed once created."""

    model_config = ConfigDict(extra="forbid")
    entity: RecordKind | None = None
    entity_id: IdFilter = None
    category_id: RecordId | None = None
    category: str | None = Field(default=None, max_length=60, description="a category's name")
    at: datetime | None = None
    note: str | None = None


def _out(activity: Activity, categories: dict[int, str]) -> dict[str, Any]:
    return public(activity, category=categories.get(activity.category_id))


def _one(session: Session, activity: Activity) -> dict[str, Any]:
    return _out(activity, service.category_names(session))


@router.get("")
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


@router.post("", status_code=201)
def create_activity(body: ActivityIn, session: DB, actor: Actor) -> dict[str, Any]:
    """Log an activity on a record; the acting user is its author."""
    return _one(session, service.create_activity(session, actor, body.model_dump(exclude_unset=True)))


@router.get("/{activity_id}")
def read_activity(activity_id: int, session: DB, actor: Actor) -> dict[str, Any]:
    """One activity."""
    return _one(session, service.get_activity(session, actor, activity_id))


@router.patch("/{activity_id}")
def update_activity(activity_id: int, body: ActivityIn, session: DB, actor: Actor) -> dict[str, Any]:
    """Its author or an admin corrects an activity's category, time or note."""
    data = body.model_dump(exclude_unset=True)
    return _one(session, service.update_activity(session, actor, activity_id, data))


@router.delete("/{activity_id}", status_code=204)
def delete_activity(activity_id: int, session: DB, actor: Actor) -> Response:
    """Its author or an admin removes an activity."""
    service.delete_activity(session, actor, activity_id)
    return Response(status_code=204)
