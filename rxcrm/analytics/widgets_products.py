"""Dashboard widgets of the product details page: won deals by product, active contracts and MRR.

Both go through the deal access rules of §1.5 (`narrowed` / the contracts' visibility) and sum money
in SQL in the board currency; amounts whose currency has no exchange rate are left out.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import case, func
from sqlmodel import Session, select

from rxcrm.analytics.widget_queries import deal_scope, moments_between, money, team_members
from rxcrm.db.models import Contract, ExchangeRate, Opportunity, Product, Quote, QuoteItem, User
from rxcrm.domain.commerce.contracts import TERM, monthly_recurring
from rxcrm.domain.commerce.money import decimal_text
from rxcrm.domain.dashboards.widgets import WidgetParams
from rxcrm.services.commerce.contracts import contract_clause
from rxcrm.services.people.field_visibility import require_visible
from rxcrm.services.people.permissions import require
from rxcrm.services.people.time_zones import today_for
from rxcrm.services.settings.exchange_rates import board_currency

Rows = list[dict[str, Any]]
NO_PRODUCT = "Items without a product"
DEAL_FILTERS = ("stage_id", "campaign_id", "partner_id", "project_id")


def in_board_currency(session: Session, currency: Any, amount: Any) -> Any:
    """SQL: an amount in the board currency (NULL without a rate; the statement joins ExchangeRate)."""
    return case((currency == board_currency(session), amount), else_=amount * ExchangeRate.rate)


def sold_amount(session: Session) -> Any:
    """SQL: a sold item's total in the board currency (NULL without a rate; see `sold_items`)."""
    return in_board_currency(session, Quote.currency, QuoteItem.total)


def sold_items(session: Session, actor: User, params: WidgetParams, *columns: Any) -> Any:
    """SELECT over the items the widget sums: active quotes' items (not rounding) of visible won deals
    closed in the range, narrowed by the widget's filters; items without a board-currency amount left out."""
    require_visible(session, actor, "opportunity", ("amount",), "Won deals by product")
    amount = sold_amount(session)
    statement = (
        select(*columns)
        .select_from(QuoteItem)
        .join(Quote, Quote.id == QuoteItem.quote_id)
        .join(Opportunity, Opportunity.id == Quote.opportunity_id)
        .outerjoin(Product, Product.id == QuoteItem.product_id)
        .outerjoin(ExchangeRate, ExchangeRate.currency == Quote.currency)
        .where(Quote.active.is_(True), QuoteItem.is_rounding.is_(False), Opportunity.status == "won")
        .where(amount.is_not(None))
    )
    statement = deal_scope(session, statement, actor, params)
    if params.date_from is not None or params.date_to is not None:
        statement = moments_between(statement, Opportunity.closed_at, params, actor.time_zone)
    return statement


def won_by_product(session: Session, actor: User, params: WidgetParams) -> Rows:
    """Per product on the active quotes of won deals (closed in the range): deals, quantity, amount.

    Items without a product are gathered in one row (product_id None); biggest amount first.
    """
    columns = (
        QuoteItem.product_id,
        Product.name,
        func.count(func.distinct(Opportunity.id)),
        func.sum(QuoteItem.quantity),
        func.sum(sold_amount(session)),
    )
    statement = sold_items(session, actor, params, *columns)
    grouped = session.exec(statement.group_by(QuoteItem.product_id, Product.name)).all()
    rows = [
        {
            "product_id": product_id,
            "product": name or NO_PRODUCT,
            "count": int(count),
            "quantity": decimal_text(Decimal(str(quantity or 0))),
            "amount": money(total),
        }
        for product_id, name, count, quantity, total in grouped
    ]
    return sorted(rows, key=lambda r: (-r["amount"], r["product"]))


def _contract_scope(session: Session, statement: Any, actor: User, params: WidgetParams) -> Any:
    """Contracts the user may see, narrowed by owner and team, and by deal filters when given."""
    statement = statement.where(contract_clause(actor))
    if params.owner_id is not None:
        statement = statement.where(Contract.owner_id == params.owner_id)
    if params.team is not None:
        statement = statement.where(Contract.owner_id.in_(team_members(params.team)))
    if any(getattr(params, name) is not None for name in DEAL_FILTERS):
        deals = deal_scope(session, select(Opportunity.id), actor, params)
        statement = statement.where(Contract.opportunity_id.in_(deals))
    return statement


def contracts(session: Session, actor: User, params: WidgetParams) -> Rows:
    """Per contract type: term contracts running on the range's last day (else today), and their MRR.

    A contract's monthly recurring revenue is its amount over its months; contracts of one type and
    the same term are summed in SQL first, then spread over that term's months.
    """
    require(session, actor, "contracts", "view")
    require_visible(session, actor, "opportunity", ("amount",), "Recurring revenue")
    on = params.date_to or today_for(actor)
    amount = in_board_currency(session, Contract.currency, Contract.amount)
    columns = (Contract.type, Contract.start, Contract.end, func.count(Contract.id), func.sum(amount))
    statement = (
        select(*columns)
        .outerjoin(ExchangeRate, ExchangeRate.currency == Contract.currency)
        .where(Contract.kind == TERM, Contract.status != "cancelled", amount.is_not(None))
        .where(Contract.start <= on, Contract.end.is_not(None), Contract.end >= on)
    )
    statement = _contract_scope(session, statement, actor, params)
    grouped = session.exec(statement.group_by(Contract.type, Contract.start, Contract.end)).all()
    per_type: dict[str, tuple[int, Decimal]] = {}
    for kind, start, end, count, total in grouped:
        seen, mrr = per_type.get(kind, (0, Decimal("0.00")))
        per_type[kind] = (seen + int(count), mrr + monthly_recurring(money(total), start, end))
    rows = [{"type": kind, "count": count, "mrr": mrr} for kind, (count, mrr) in per_type.items()]
    return sorted(rows, key=lambda r: (-r["mrr"], r["type"]))
