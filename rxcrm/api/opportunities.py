"""REST: /opportunities — deals in the pipeline and their history."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Literal

from fastapi import APIRouter, Response
from pydantic import BaseModel, ConfigDict, Field

from rxcrm.api.custom_fields import CustomFilter
from rxcrm.api.deps import DB, Actor, PageWindow
from rxcrm.api.followers import add_follower_routes
from rxcrm.api.history import add_history_route
from rxcrm.api.serialize import record_out, records_page
from rxcrm.services import opportunities as service

router = APIRouter(prefix="/opportunities", tags=["opportunities"])


class OpportunityIn(BaseModel):
    """Fields a client may send for an opportunity; `amount` as a decimal string (or a number)."""

    model_config = ConfigDict(extra="forbid")
    name: str | None = None
    account_id: int | None = None
    contact_id: int | None = None
    owner_id: int | None = None
    second_owner_id: int | None = None
    stage_id: int | None = None
    amount: Decimal | None = None
    currency: str | None = None
    probability: int | None = None
    close_date: date | None = None
    campaign_id: int | None = None
    partner_id: int | None = None
    tags: list[str] | None = Field(default=None, max_length=100)
    custom: dict[str, Any] | None = None


@router.get("")
def list_opportunities(
    session: DB,
    actor: Actor,
    window: PageWindow,
    custom: CustomFilter,
    stage_id: int | None = None,
    status: Literal["open", "won", "lost"] | None = None,
    owner_id: int | None = None,
    account_id: int | None = None,
    contact_id: int | None = None,
    partner_id: int | None = None,
) -> dict[str, Any]:
    """Opportunities the user may see, filtered, sorted and paginated."""
    flt = service.OpportunityFilter(
        q=window.q,
        stage_id=stage_id,
        status=status,
        owner_id=owner_id,
        account_id=account_id,
        contact_id=contact_id,
        partner_id=partner_id,
        custom=custom,
    )
    page = service.list_opportunities(session, actor, flt, window.sort, window.limit, window.offset)
    return records_page(session, page)


@router.post("", status_code=201)
def create_opportunity(body: OpportunityIn, session: DB, actor: Actor) -> dict[str, Any]:
    """Add an opportunity; owner, stage, probability and currency fall back to their defaults."""
    return record_out(
        session, service.create_opportunity(session, actor, body.model_dump(exclude_unset=True))
    )


@router.get("/{opportunity_id}")
def read_opportunity(opportunity_id: int, session: DB, actor: Actor) -> dict[str, Any]:
    """One opportunity."""
    return record_out(session, service.get_opportunity(session, actor, opportunity_id))


@router.patch("/{opportunity_id}")
def update_opportunity(opportunity_id: int, body: OpportunityIn, session: DB, actor: Actor) -> dict[str, Any]:
    """Change some of an opportunity's fields; a new stage brings its status and probability."""
    data = body.model_dump(exclude_unset=True)
    return record_out(session, service.update_opportunity(session, actor, opportunity_id, data))


@router.delete("/{opportunity_id}", status_code=204)
def delete_opportunity(opportunity_id: int, session: DB, actor: Actor) -> Response:
    """Delete an opportunity."""
    service.delete_opportunity(session, actor, opportunity_id)
    return Response(status_code=204)


add_follower_routes(router, service.ENTITY)
add_history_route(router, service.ENTITY, service.get_opportunity)
