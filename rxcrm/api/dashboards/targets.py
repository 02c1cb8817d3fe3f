"""REST: /targets — each sales user's monthly target (spec §7), set by admins and directors."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from rxcrm.api.deps import DB, Actor, PageWindow
from rxcrm.db.models import UserTarget
from rxcrm.db.schemas.shapes import Page
from rxcrm.db.schemas.targets import TargetPublic, TargetSet
from rxcrm.services.dashboards import targets as service
from rxcrm.services.settings.exchange_rates import board_currency

router = APIRouter(prefix="/targets", tags=["targets"])


def target_out(target: UserTarget, currency: str) -> dict[str, Any]:
    """A target with its money as a string and the board currency."""
    return {
        "id": target.id,
        "user_id": target.user_id,
        "period": target.period,
        "amount": f"{target.amount:.2f}",
        "currency": currency,
    }


@router.get("", response_model=Page[TargetPublic])
def list_targets(
    session: DB,
    actor: Actor,
    window: PageWindow,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
) -> dict[str, Any]:
    """Targets by month and user (admins and directors: everyone's; a rep: his/her own)."""
    page = service.targets_page(session, actor, year, window.page)
    currency = board_currency(session)
    items = [target_out(t, currency) for t in page.items]
    return {"items": items, "total": page.total, "limit": page.limit, "offset": page.offset}


@router.put("/{user_id}/{period}", response_model=TargetPublic)
def set_target(user_id: int, period: str, body: TargetSet, session: DB, actor: Actor) -> dict[str, Any]:
    """Set a sales user's target for a month ('YYYY-MM')."""
    target = service.set_target(session, actor, user_id, period, body.amount)
    return target_out(target, board_currency(session))


@router.delete("/{user_id}/{period}", status_code=204)
def clear_target(user_id: int, period: str, session: DB, actor: Actor) -> Response:
    """Remove a sales user's target for a month."""
    service.clear_target(session, actor, user_id, period)
    return Response(status_code=204)
