"""Notification shapes: the acting user's notification centre."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel


class NotificationPublic(BaseModel):
    """A notification about a record: what happened, by whom, when, and whether it was read."""

    id: int
    entity: str
    entity_id: int
    message: str
    by_id: int | None
    read: bool
    at: datetime


class UnreadCount(BaseModel):
    """The number on the bell."""

    unread: int


class MarkedRead(BaseModel):
    """How many notifications were unread and are read now."""

    marked: int
