"""REST: /contracts — what customers bought on sold deals, and upsell/renewal deals from them."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel

from rxcrm.api.deps import DB, Actor, IdFilter, PageWindow
from rxcrm.api.records.list_filters import list_filter
from rxcrm.api.serialize import record_out
from rxcrm.db.models import Contract
from rxcrm.db.schemas.contracts import ContractPublic
from rxcrm.db.schemas.opportunities import OpportunityPublic
from rxcrm.db.schemas.shapes import Page
from rxcrm.domain.commerce.contracts import TERM
from rxcrm.domain.commerce.money import decimal_text, money_text
from rxcrm.services.commerce import contracts as service
from rxcrm.services.people.time_zones import today_for

router = APIRouter(prefix="/contracts", tags=["contracts"])
# the fields a contract shows as stored (the others are computed or formatted): what it belongs to, its terms
STORED_LINKS = ("id", "name", "opportunity_id", "account_id", "owner_id", "product_id", "quote_item_id")
STORED_TERMS = ("kind", "type", "start", "end", "unit", "currency")


def contract_public(contract: Contract, on: date, hide_amount: bool = False) -> ContractPublic:
    """A contract as the API shows it (money and quantity as decimal strings, status as of the day `on`).

    The amount is left out (null) for a user the deal amount is hidden from.
    """
    return ContractPublic(
        **contract.model_dump(include={*STORED_LINKS, *STORED_TERMS}),
        renewal_date=contract.end if contract.kind == TERM else None,
        quantity=decimal_text(contract.quantity),
        amount=None if hide_amount else money_text(contract.amount),
        status=service.status_of(contract, on),
    )


class SaleRecordFilters(BaseModel):
    """The query parameters a list of a deal's sale records (contracts, invoices) starts with."""

    account_id: IdFilter = None
    opportunity_id: IdFilter = None


class ContractFilters(SaleRecordFilters):
    """The contract list's filters, sent as query parameters."""

    owner_id: IdFilter = None
    kind: Literal["one_off", "term"] | None = None
    status: Literal["active", "expired", "cancelled"] | None = None
    type: Annotated[str | None, Query(max_length=100)] = None  # the contract's field name


Filtered = Annotated[service.ContractFilter, list_filter(ContractFilters, service.ContractFilter)]


@router.get("", response_model=Page[ContractPublic])
def list_contracts(session: DB, actor: Actor, flt: Filtered, window: PageWindow) -> Page[ContractPublic]:
    """Contracts the user may see, filtered and paginated (status as of the caller's today)."""
    page = service.list_contracts(session, actor, flt, window.page)
    hide = service.amount_hidden(session, actor)
    items = [contract_public(c, today_for(actor), hide) for c in page.items]
    return Page[ContractPublic](items=items, total=page.total, limit=page.limit, offset=page.offset)


@router.get("/{contract_id}", response_model=ContractPublic)
def read_contract(contract_id: int, session: DB, actor: Actor) -> ContractPublic:
    """One contract."""
    contract = service.get_contract(session, actor, contract_id)
    return contract_public(contract, today_for(actor), service.amount_hidden(session, actor))


@router.delete("/{contract_id}", status_code=204)
def delete_contract(contract_id: int, session: DB, actor: Actor) -> Response:
    """Remove a contract from its deal."""
    service.delete_contract(session, actor, contract_id)
    return Response(status_code=204)


@router.post("/{contract_id}/upsell", status_code=201, response_model=OpportunityPublic)
def upsell(contract_id: int, session: DB, actor: Actor) -> dict[str, Any]:
    """A new open upsell deal on the contract's account (the same JSON as GET /opportunities/{id})."""
    return record_out(session, service.upsell_contract(session, actor, contract_id))


@router.post("/{contract_id}/renew", status_code=201, response_model=OpportunityPublic)
def renew(contract_id: int, session: DB, actor: Actor) -> dict[str, Any]:
    """A new open renewal deal on the contract's account (the same JSON as GET /opportunities/{id})."""
    return record_out(session, service.renew_contract(session, actor, contract_id))
