"""Shapes every record kind shares: followers, the history tab, global search hits."""

from __future__ import annotations

from pydantic import BaseModel

from rxcrm.db.schemas.shapes import Body, RecordId


class FollowerAdd(Body):
    """Who is to follow the record; the acting user when left out."""

    user_id: RecordId | None = None


class FollowerPublic(BaseModel):
    """A user following a record."""

    id: int
    name: str
    email: str


class HistoryEntry(BaseModel):
    """One field of the record changed: from `old` to `new`, by whom and when."""

    field: str
    old: str | None
    new: str | None
    action: str
    by: int | None
    by_name: str
    at: str


class SearchHit(BaseModel):
    """One record found: what it is (account, contact, lead, opportunity), its id, a title and a hint."""

    entity: str
    id: int
    title: str
    hint: str


class SearchResults(BaseModel):
    """The records matching the query that the user may see."""

    items: list[SearchHit]
