"""REST: GET /<resource>/{id}/history — the history tab of any record that keeps one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter
from sqlmodel import Session

from rxcrm.api.deps import DB, Actor
from rxcrm.db.models import User
from rxcrm.db.schemas.records import HistoryEntry
from rxcrm.services.records.history import history_of


def add_history_route(
    router: APIRouter, entity: str, get_record: Callable[[Session, User, int], Any]
) -> None:
    """Give a resource's router its history route; a record the user may not see answers 404."""

    @router.get(
        "/{record_id}/history",
        response_model=list[HistoryEntry],
        summary=f"History of a {entity}",
        operation_id=f"{entity}_history",
        description=f"What changed on the {entity}, newest first: field, old, new, who and when.",
    )
    def record_history(record_id: int, session: DB, actor: Actor) -> list[dict[str, Any]]:
        get_record(session, actor, record_id)
        return history_of(session, entity, record_id)
