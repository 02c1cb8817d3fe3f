"""The sold items behind "Won deals by product": the list its title opens.

The widget sums items, not deals (a deal selling two products stands in two bars, a won deal without
a quote in none), so its list is the items themselves, built by the widget's own query (`sold_items`):
one line per item with its product, deal, owner and amount in the board currency, grouped by product
in the chart's order. The lines add up to the widget's total; each product's lines to its bar.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, nulls_last
from sqlmodel import Session

from rxcrm.analytics.widget_queries import money
from rxcrm.analytics.widgets_products import NO_PRODUCT, sold_amount, sold_items
from rxcrm.db.models import Opportunity, Product, QuoteItem, User
from rxcrm.domain.commerce.money import decimal_text
from rxcrm.domain.dashboards.widgets import WidgetParams
from rxcrm.services.records.display_text import names_of, text
from rxcrm.services.records.listing import ListWindow, Page

ITEM_WIDGETS = ("won_by_product",)


@dataclass(frozen=True)
class ItemsBehind:
    """How many sold items (on how many deals) stand behind the widget, and their board-currency amount."""

    items: int
    deals: int
    amount: Decimal


def items_total(session: Session, actor: User, params: WidgetParams) -> ItemsBehind:
    """Items, distinct deals and amount behind the widget (its total: the sum of its bars)."""
    columns = (
        func.count(QuoteItem.id),
        func.count(func.distinct(Opportunity.id)),
        func.sum(sold_amount(session)),
    )
    items, deals, amount = session.exec(sold_items(session, actor, params, *columns)).one()
    return ItemsBehind(int(items), int(deals), money(amount))


def _order(session: Session) -> tuple[Any, ...]:
    """Grouped by product as the bars are (biggest product total first), then biggest item first."""
    amount = sold_amount(session)
    product_total = func.sum(amount).over(partition_by=QuoteItem.product_id)
    return (product_total.desc(), nulls_last(Product.name.asc()), amount.desc(), QuoteItem.id.asc())


def item_page_behind(session: Session, actor: User, params: WidgetParams, window: ListWindow) -> Page:
    """One page of the items behind the widget, as list rows (product, item, deal, owner, amount)."""
    columns = (
        QuoteItem.id,
        Product.name,
        QuoteItem.name.label("item"),
        QuoteItem.quantity,
        Opportunity.id.label("deal_id"),
        Opportunity.name.label("deal"),
        Opportunity.owner_id,
        Opportunity.closed_at,
        sold_amount(session).label("amount"),
    )
    page = window.fetch(session, sold_items(session, actor, params, *columns), _order(session))
    owners = names_of(session, User, {r.owner_id for r in page.items}, User.name)
    rows = [
        {
            "id": str(r.id),
            "product": r.name or NO_PRODUCT,
            "item": r.item,
            "quantity": decimal_text(Decimal(str(r.quantity))) or "",
            "deal_id": str(r.deal_id),
            "deal": r.deal,
            "owner": owners.get(r.owner_id, ""),
            "closed": text(r.closed_at),
            "amount": f"{money(r.amount):,.2f}",
        }
        for r in page.items
    ]
    return Page(items=rows, total=page.total, limit=page.limit, offset=page.offset)
