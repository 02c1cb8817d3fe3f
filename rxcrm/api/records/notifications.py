"""REST: /notifications — the acting user's notification centre."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from rxcrm.api.deps import DB, Actor
from rxcrm.api.serialize import page_body
from rxcrm.db.models import Notification
from rxcrm.db.schemas.notifications import MarkedRead, NotificationPublic, UnreadCount
from rxcrm.db.schemas.shapes import Page
from rxcrm.domain.records.validation import MAX_ID
from rxcrm.services.records import notifications as service
from rxcrm.services.records.listing import DEFAULT_LIMIT, MAX_LIMIT, ListWindow

router = APIRouter(prefix="/notifications", tags=["notifications"])


def _out(note: Notification) -> dict[str, Any]:
    return note.model_dump(
        mode="json", include={"id", "entity", "entity_id", "message", "by_id", "read", "at"}
    )


@router.get("", response_model=Page[NotificationPublic])
def list_notifications(
    session: DB,
    actor: Actor,
    unread: bool = False,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    offset: Annotated[int, Query(ge=0, le=MAX_ID)] = 0,
) -> dict[str, Any]:
    """The acting user's notifications, newest first (only the unread ones with `unread=true`)."""
    page = service.list_notifications(session, actor, unread, ListWindow(limit=limit, offset=offset))
    return page_body(page, [_out(n) for n in page.items])


@router.get("/unread-count", response_model=UnreadCount)
def unread_count(session: DB, actor: Actor) -> dict[str, int]:
    """The number on the bell."""
    return {"unread": service.unread_count(session, actor)}


@router.post("/read-all", response_model=MarkedRead)
def mark_all_read(session: DB, actor: Actor) -> dict[str, int]:
    """Mark every notification of the acting user as read; answers how many were unread."""
    return {"marked": service.mark_all_read(session, actor)}


@router.post("/{notification_id}/read", response_model=NotificationPublic)
def mark_read(notification_id: int, session: DB, actor: Actor) -> dict[str, Any]:
    """Mark one of the acting user's notifications as read; someone else's answers 404."""
    return _out(service.mark_read(session, actor, notification_id))
