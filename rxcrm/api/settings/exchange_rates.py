"""REST: /exchange-rates — what other currencies are worth in the board currency."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from rxcrm.api.deps import DB, Actor
from rxcrm.api.serialize import public
from rxcrm.db.schemas.exchange_rates import ExchangeRateList, ExchangeRatePublic, ExchangeRateSet
from rxcrm.services.settings import exchange_rates as service

router = APIRouter(prefix="/exchange-rates", tags=["exchange-rates"])


@router.get("", response_model=ExchangeRateList)
def list_rates(session: DB, _: Actor) -> dict[str, Any]:
    """Every exchange rate and the board currency they convert into."""
    rates = [public(r) for r in service.list_rates(session)]
    return {"board_currency": service.board_currency(session), "items": rates, "total": len(rates)}


@router.put("/{currency}", response_model=ExchangeRatePublic)
def set_rate(currency: str, body: ExchangeRateSet, session: DB, actor: Actor) -> dict[str, Any]:
    """Admin sets a currency's rate."""
    return public(service.set_rate(session, actor, currency, body.rate))


@router.delete("/{currency}", status_code=204)
def delete_rate(currency: str, session: DB, actor: Actor) -> Response:
    """Admin removes a currency's rate."""
    service.delete_rate(session, actor, currency)
    return Response(status_code=204)
