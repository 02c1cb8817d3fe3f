"""Contracts as the screens show them: names instead of ids, labels instead of codes, and sale facts."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from rxcrm.db.models import Contract, Opportunity, ProductCategory, QuoteItem, User
from rxcrm.domain.commerce.contracts import TERM
from rxcrm.services.commerce.contracts import status_of
from rxcrm.services.commerce.sale import active_quote
from rxcrm.services.people.field_visibility import hidden_for_viewer
from rxcrm.services.people.time_zones import viewer_today
from rxcrm.services.records.display_text import account_names, names_of, text

KIND_LABELS = {"one_off": "One-off", "term": "Term"}
STATUS_LABELS = {"active": "Active", "expired": "Expired", "cancelled": "Cancelled"}


def contract_rows(session: Session, contracts: list[Contract]) -> list[dict[str, str]]:
    """One page of contracts as table rows (account and deal names, dates, money, status)."""
    accounts = account_names(session, {c.account_id for c in contracts})
    deals = names_of(session, Opportunity, {c.opportunity_id for c in contracts}, Opportunity.name)
    owners = names_of(session, User, {c.owner_id for c in contracts}, User.name)
    on, hide_amount = viewer_today(session), "amount" in hidden_for_viewer(session, "opportunity")
    return [
        {
            "id": str(c.id),
            "name": c.name,
            "account": accounts.get(c.account_id, ""),
            "account_id": str(c.account_id or ""),
            "deal": deals.get(c.opportunity_id, ""),
            "deal_id": str(c.opportunity_id or ""),
            "owner": owners.get(c.owner_id, ""),
            "type": c.type,
            "kind": KIND_LABELS.get(c.kind, c.kind),
            "term": "yes" if c.kind == TERM else "",
            "start": text(c.start),
            "end": text(c.end) if c.end else "—",
            "amount": "—" if hide_amount else f"{text(c.amount)} {c.currency}",
            "status": status_of(c, on),
            "status_label": STATUS_LABELS[status_of(c, on)],
        }
        for c in contracts
    ]


def contracts_to_create(session: Session, deal: Opportunity) -> int:
    """How many contracts selling the deal would create (its active quote's non-rounding items)."""
    quote = active_quote(session, deal)
    if quote is None:
        return 0
    statement = select(func.count(QuoteItem.id)).where(
        QuoteItem.quote_id == quote.id, QuoteItem.is_rounding.is_(False)
    )
    return int(session.exec(statement).one())


def sold_on(session: Session, deal: Opportunity) -> date | None:
    """The day a locked deal was sold: when its newest contract was made, else when it was won."""
    made: Any = session.exec(
        select(func.max(Contract.created_at)).where(Contract.opportunity_id == deal.id)
    ).one()
    moment = made or deal.closed_at
    if moment is None:
        return None
    return moment.date() if hasattr(moment, "date") else date.fromisoformat(str(moment)[:10])


def contract_type_names(session: Session) -> list[str]:
    """The contract types in use and the product categories' names, for the type filter."""
    used = set(session.exec(select(Contract.type).distinct()).all())
    named = set(session.exec(select(ProductCategory.name)).all())
    return sorted(t for t in used | named if t)
