"""Contracts: what customers bought on sold deals; list, open, remove, and follow-up deals.

A contract is visible to a user exactly when its deal is (without a deal: its account is — never for
partner users) and the user's role may view contracts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, false, or_
from sqlmodel import Session, select

from rxcrm.db.models import Account, Contract, Opportunity, User
from rxcrm.domain.commerce.contracts import CONTRACT_KINDS, STATUSES, TERM, contract_status
from rxcrm.domain.errors import ValidationFailed
from rxcrm.domain.people.access import PARTNER
from rxcrm.domain.records.validation import FieldErrors
from rxcrm.services.people.access import found_record, scope_of, visible
from rxcrm.services.people.field_visibility import hidden_fields
from rxcrm.services.people.permissions import require, role_may_view
from rxcrm.services.people.time_zones import today_for
from rxcrm.services.pipeline.opportunities import create_opportunity
from rxcrm.services.pipeline.stages import default_pipeline, first_open_stage
from rxcrm.services.records.changes import delete_record
from rxcrm.services.records.followers import add_followers
from rxcrm.services.records.listing import FIRST_PAGE, ListWindow, Page, searched, sort_clause

ENTITY = "contract"
SORTABLE = ("name", "start", "end", "amount", "created_at")
UPSELL_DAYS = 30


@dataclass(frozen=True)
class ContractFilter:
    """What the contracts list is narrowed to (each field may be left open)."""

    q: str | None = None
    account_id: int | None = None
    opportunity_id: int | None = None
    owner_id: int | None = None
    kind: str | None = None
    type: str | None = None
    status: str | None = None


def amount_hidden(session: Session, actor: User) -> bool:
    """A contract's amount is the deal's money: hidden from whoever the deal amount is hidden from."""
    return "amount" in hidden_fields(session, actor, "opportunity")


def sale_record_clause(model: Any, actor: User, permission: str) -> Any:
    """SQL: rows of a deal's sale (contracts, invoices) the user sees through their deal, else account."""
    deals = visible(select(Opportunity.id), Opportunity, actor)
    through_deal = model.opportunity_id.in_(deals)
    if scope_of(actor) == PARTNER:
        through_account = false()
    else:
        accounts = visible(select(Account.id), Account, actor)
        through_account = and_(model.opportunity_id.is_(None), model.account_id.in_(accounts))
    return and_(role_may_view(actor, permission), or_(through_deal, through_account))


def contract_clause(actor: User) -> Any:
    """SQL: the contracts the user may see (through their deal, else their account)."""
    return sale_record_clause(Contract, actor, "contracts")


def status_clause(status: str, on: date) -> Any:
    """SQL: contracts in a state on a day (expired = a term ended before it, and not cancelled)."""
    if status == "cancelled":
        return Contract.status == "cancelled"
    running = Contract.status != "cancelled"
    if status == "expired":
        return and_(running, Contract.end.is_not(None), Contract.end < on)
    return and_(running, or_(Contract.end.is_(None), Contract.end >= on))


def _check_filter(flt: ContractFilter) -> None:
    errors = FieldErrors()
    if flt.kind is not None and flt.kind not in CONTRACT_KINDS:
        errors.add("kind", f"must be one of: {', '.join(CONTRACT_KINDS)}")
    if flt.status is not None and flt.status not in STATUSES:
        errors.add("status", f"must be one of: {', '.join(STATUSES)}")
    errors.raise_if_any()


def narrowed_contracts(statement: Any, actor: User, flt: ContractFilter, on: date) -> Any:
    """A SELECT over contracts limited to what the user may see and the filter asks for."""
    _check_filter(flt)
    statement = statement.where(contract_clause(actor))
    for field in ("account_id", "opportunity_id", "owner_id", "kind", "type"):
        value = getattr(flt, field)
        if value is not None:
            statement = statement.where(getattr(Contract, field) == value)
    if flt.status is not None:
        statement = statement.where(status_clause(flt.status, on))
    return searched(statement, flt.q, Contract.name, Contract.type)


def list_contracts(
    session: Session, actor: User, flt: ContractFilter, window: ListWindow = FIRST_PAGE
) -> Page:
    """One page of the contracts the user may see, newest start first."""
    statement = narrowed_contracts(select(Contract), actor, flt, today_for(actor))
    sortable = tuple(f for f in SORTABLE if f != "amount") if amount_hidden(session, actor) else SORTABLE
    order = sort_clause(Contract, window.sort, sortable, "-start")
    return window.fetch(session, statement, order)


def status_of(contract: Contract, on: date) -> str:
    """A contract's state on a day (the viewer's today): active, expired (its term ended) or cancelled."""
    return contract_status(contract.status, contract.end, on)


def get_contract(session: Session, actor: User, contract_id: Any) -> Contract:
    """One contract the user may see (else 'not found')."""
    statement = select(Contract).where(Contract.id == contract_id, contract_clause(actor))
    return found_record(session, statement, contract_id, "contract")


def delete_contract(session: Session, actor: User, contract_id: Any) -> None:
    """Remove a contract from its deal (the role needs the contracts 'delete' permission)."""
    contract = get_contract(session, actor, contract_id)
    require(session, actor, "contracts", "delete")
    delete_record(session, ENTITY, contract, actor)


def _follow_up(session: Session, actor: User, contract_id: Any, name: str, close: str) -> Opportunity:
    """A new open deal on the contract's account, owned by the contract's owner, followed by the actor."""
    contract = get_contract(session, actor, contract_id)
    if contract.kind != TERM:
        raise ValidationFailed.from_fields({"kind": "only a term contract can be renewed or upsold"})
    require(session, actor, "opportunities", "add")
    owner = session.get(User, contract.owner_id) if contract.owner_id else None
    close_date = (
        contract.end if close == "end" and contract.end else today_for(actor) + timedelta(days=UPSELL_DAYS)
    )
    data: dict[str, Any] = {
        "name": f"{name}: {contract.name}"[:200],
        "account_id": contract.account_id,
        "owner_id": owner.id if owner is not None and owner.active else actor.id,
        "close_date": close_date,
        "currency": contract.currency,
        "stage_id": first_open_stage(session, default_pipeline(session).id).id,
    }
    if close == "end":
        data["amount"] = str(contract.amount)
    deal = create_opportunity(session, actor, {k: v for k, v in data.items() if v is not None})
    add_followers(session, "opportunity", deal.id, [actor.id])
    return deal


def upsell_contract(session: Session, actor: User, contract_id: Any) -> Opportunity:
    """An upsell deal for a term contract's customer, closing in 30 days."""
    return _follow_up(session, actor, contract_id, "Upsell", "soon")


def renew_contract(session: Session, actor: User, contract_id: Any) -> Opportunity:
    """A renewal deal for a term contract, closing on the contract's end, at its amount."""
    return _follow_up(session, actor, contract_id, "Renewal", "end")
