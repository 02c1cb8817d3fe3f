"""REST: /search — the top bar's global search over visible records."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Query

from rxcrm.api.deps import DB, Actor
from rxcrm.db.schemas.records import SearchResults
from rxcrm.services.records.search import global_search

router = APIRouter(prefix="/search", tags=["search"])


@router.get("", response_model=SearchResults)
def search(session: DB, actor: Actor, q: Annotated[str, Query(max_length=200)] = "") -> dict[str, Any]:
    """Accounts, contacts and opportunities matching the query that the user may see."""
    return {"items": [asdict(hit) for hit in global_search(session, actor, q)]}
