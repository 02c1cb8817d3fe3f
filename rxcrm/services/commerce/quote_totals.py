"""Keeping a quote's sums right: its lines read in one SELECT, priced in Decimal, changed totals saved
in one bulk UPDATE, and the deal amount following the active quote."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import bindparam, func, select, update
from sqlmodel import Session

from rxcrm.db.models import ExchangeRate, Opportunity, Quote, QuoteItem, User
from rxcrm.db.types import utcnow
from rxcrm.domain.commerce.pricing import Line, QuoteTotals, convert, quote_totals
from rxcrm.domain.commerce.quotes import check_totals_fit
from rxcrm.domain.errors import ValidationFailed
from rxcrm.services.records.changes import update_record
from rxcrm.services.settings.exchange_rates import board_currency

ITEMS = QuoteItem.__table__
LINE_COLUMNS = (
    ITEMS.c.id,
    ITEMS.c.quantity,
    ITEMS.c.unit_price,
    ITEMS.c.discount_percent,
    ITEMS.c.discount_amount,
    ITEMS.c.is_rounding,
    ITEMS.c.target_total,
    ITEMS.c.total,
)
SAVE_TOTAL = update(ITEMS).where(ITEMS.c.id == bindparam("item_id")).values(total=bindparam("line_total"))


@dataclass(frozen=True)
class StoredLine:
    """A quote line as stored (id None for a line about to be added) and its stored total."""

    id: int | None
    line: Line
    total: Decimal | None = None


def stored_lines(session: Session, quote_id: int) -> list[StoredLine]:
    """Every line of a quote in its order, read in one SELECT of the columns the sums need."""
    statement = (
        select(*LINE_COLUMNS).where(ITEMS.c.quote_id == quote_id).order_by(ITEMS.c.position, ITEMS.c.id)
    )
    return [
        StoredLine(
            r.id,
            Line(
                r.quantity, r.unit_price, r.discount_percent, r.discount_amount, r.is_rounding, r.target_total
            ),
            r.total,
        )
        for r in session.execute(statement)
    ]


def next_position(session: Session, quote_id: int) -> int:
    """The position after the quote's last line."""
    last = session.execute(select(func.max(ITEMS.c.position)).where(ITEMS.c.quote_id == quote_id))
    return (last.scalar() or 0) + 1


def price_lines(lines: Sequence[StoredLine], field: str = "quantity") -> QuoteTotals:
    """The quote's totals over these lines, refused (naming `field`) when they outgrow the columns."""
    totals = quote_totals([s.line for s in lines])
    check_totals_fit(totals, field)
    return totals


def save_totals(
    session: Session,
    actor: User,
    quote: Quote,
    deal: Opportunity,
    lines: Sequence[StoredLine],
    totals: QuoteTotals,
) -> None:
    """Store the totals that changed (one bulk UPDATE) and the quote's sums; the deal follows."""
    changed = [
        {"item_id": s.id, "line_total": t}
        for s, t in zip(lines, totals.line_totals, strict=False)
        if s.id is not None and s.total != t
    ]
    session.flush()
    if changed:
        session.execute(SAVE_TOTAL, changed)
    quote.subtotal, quote.discount_total, quote.total = totals.subtotal, totals.discount_total, totals.total
    quote.updated_at = utcnow()
    session.add(quote)
    session.flush()
    follow_active_quote(session, actor, deal, quote)


def follow_active_quote(session: Session, actor: User, deal: Opportunity, quote: Quote) -> None:
    """The active quote's total and currency are the deal's amount and currency (with history)."""
    if quote.active:
        update_record(
            session, "opportunity", deal, {"amount": quote.total, "currency": quote.currency}, actor
        )


def rate_of(session: Session, currency: str) -> Decimal | None:
    """What one unit of a currency is worth in the board currency (None without a rate)."""
    if currency == board_currency(session):
        return Decimal(1)
    row = session.get(ExchangeRate, currency)
    return row.rate if row is not None else None


def converter(session: Session, source: str, target: str, field: str) -> Callable[[Decimal], Decimal]:
    """Turns amounts in `source` into `target` by the exchange rates; a missing rate names `field`."""
    if source == target:
        return lambda amount: amount
    rates = {code: rate_of(session, code) for code in (source, target)}
    missing = [code for code, rate in rates.items() if rate is None]
    if missing:
        raise ValidationFailed.from_fields(
            {field: f"no exchange rate for {missing[0]}: an admin sets it in Settings → Currencies"}
        )
    return lambda amount: convert(amount, rates[source], rates[target])


def line_of(item: QuoteItem) -> Line:
    """The numbers of a stored item its total depends on."""
    return Line(
        item.quantity,
        item.unit_price,
        item.discount_percent,
        item.discount_amount,
        item.is_rounding,
        item.target_total,
    )
