"""REST: /baselines — widget rows frozen under a name (spec §6.3): created, read, deleted, never changed."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from rxcrm.analytics.baselines import capture_baseline
from rxcrm.api.deps import DB, Actor, PageWindow
from rxcrm.api.serialize import authored
from rxcrm.db.models import Baseline
from rxcrm.db.schemas.dashboards import BaselineCreate, BaselinePublic
from rxcrm.db.schemas.shapes import Page
from rxcrm.services.dashboards import baselines as service

router = APIRouter(prefix="/baselines", tags=["baselines"])


def baseline_out(baseline: Baseline) -> dict[str, Any]:
    """A baseline in the contract's shape (its rows exactly as frozen)."""
    return authored(baseline, "id", "widget_kind", "name", "params", "rows")


@router.post("", status_code=201, response_model=BaselinePublic)
def create_baseline(body: BaselineCreate, session: DB, actor: Actor) -> dict[str, Any]:
    """Freeze the rows the widget shows the caller right now."""
    return baseline_out(capture_baseline(session, actor, body.widget_kind, body.name, body.params))


@router.get("", response_model=Page[BaselinePublic])
def list_baselines(
    session: DB,
    actor: Actor,
    window: PageWindow,
    widget_kind: Annotated[str | None, Query(max_length=40)] = None,
) -> dict[str, Any]:
    """The baselines the caller sees (own; admins and directors every one), newest first."""
    page = service.baselines_page(session, actor, widget_kind, window.page)
    items = [baseline_out(b) for b in page.items]
    return {"items": items, "total": page.total, "limit": page.limit, "offset": page.offset}


@router.get("/{baseline_id}", response_model=BaselinePublic)
def read_baseline(baseline_id: int, session: DB, actor: Actor) -> dict[str, Any]:
    """One baseline the caller sees."""
    return baseline_out(service.get_baseline(session, actor, baseline_id))


@router.delete("/{baseline_id}", status_code=204)
def delete_baseline(baseline_id: int, session: DB, actor: Actor) -> Response:
    """Delete a baseline (its creator or an admin)."""
    service.delete_baseline(session, actor, baseline_id)
    return Response(status_code=204)
