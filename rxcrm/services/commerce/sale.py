"""Selling a deal: each non-rounding item of its active quote becomes one contract."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from rxcrm.db.models import Contract, Opportunity, Product, ProductCategory, Quote, QuoteItem, User
from rxcrm.domain.commerce.contracts import ONE_OFF, contract_terms
from rxcrm.domain.errors import Conflict
from rxcrm.services.records.changes import insert_record

ENTITY = "contract"
NO_TYPE = "Other"
NEEDS_QUOTE = "To mark '{name}' as sold it needs an active quote with items."


@dataclass(frozen=True)
class SoldItem:
    """A quote item about to become a contract, with its product's category (if any)."""

    item: QuoteItem
    product: Product | None
    category: ProductCategory | None


@dataclass(frozen=True)
class Sale:
    """What selling a deal turns into contracts: its active quote and that quote's items."""

    quote: Quote
    items: tuple[SoldItem, ...]


def active_quote(session: Session, deal: Opportunity) -> Quote | None:
    """The deal's active quote, if it has one."""
    statement = select(Quote).where(Quote.opportunity_id == deal.id, Quote.active.is_(True))
    return session.exec(statement.order_by(Quote.id)).first()


def sale_of(session: Session, deal: Opportunity) -> Sale:
    """The active quote and its items to sell; a deal without them cannot be sold (conflict)."""
    quote = active_quote(session, deal)
    items: list[SoldItem] = []
    if quote is not None:
        statement = (
            select(QuoteItem, Product, ProductCategory)
            .outerjoin(Product, Product.id == QuoteItem.product_id)
            .outerjoin(ProductCategory, ProductCategory.id == Product.category_id)
            .where(QuoteItem.quote_id == quote.id, QuoteItem.is_rounding.is_(False))
            .order_by(QuoteItem.position, QuoteItem.id)
        )
        items = [SoldItem(i, p, c) for i, p, c in session.exec(statement).all()]
    if quote is None or not items:
        raise Conflict(NEEDS_QUOTE.format(name=deal.name))
    return Sale(quote, tuple(items))


def contract_for(deal: Opportunity, quote: Quote, sold: SoldItem, sold_on: date) -> Contract:
    """The contract one sold item becomes: its kind, type and term from the product's category."""
    category = sold.category
    kind = category.contract_kind if category else ONE_OFF
    terms = contract_terms(
        kind, category.term_months if category else None, quote.valid_from, quote.valid_until, sold_on
    )
    item = sold.item
    return Contract(
        name=item.name,
        opportunity_id=deal.id,
        account_id=deal.account_id,
        owner_id=deal.owner_id,
        product_id=item.product_id,
        quote_item_id=item.id,
        kind=terms.kind,
        type=category.name if category else NO_TYPE,
        start=terms.start,
        end=terms.end,
        quantity=item.quantity,
        unit=item.unit,
        amount=item.total,
        currency=quote.currency,
    )


def record_sale(
    session: Session, actor: User, deal: Opportunity, sale: Sale, sold_on: date
) -> list[Contract]:
    """Write one contract per sold item (each with its creation in history)."""
    return [
        insert_record(session, ENTITY, contract_for(deal, sale.quote, sold, sold_on), actor)
        for sold in sale.items
    ]
