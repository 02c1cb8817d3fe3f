"""Quote arithmetic: line totals, quote totals with the rounding item, bundle shares, conversion.

Every line is rounded half up to the cent on its own; the quote adds up the rounded lines, so the
line totals always add up to the quote total exactly. Never float.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from rxcrm.domain.commerce.money import CENT, HUNDRED, ZERO, cents
from rxcrm.domain.errors import ValidationFailed


@dataclass(frozen=True)
class Line:
    """What a quote line's total depends on; a rounding line carries only its target total."""

    quantity: Decimal = Decimal(1)
    unit_price: Decimal = ZERO
    discount_percent: Decimal | None = None
    discount_amount: Decimal | None = None
    is_rounding: bool = False
    target_total: Decimal | None = None


@dataclass(frozen=True)
class QuoteTotals:
    """The totals of a quote and each line's total, in the order the lines were given."""

    subtotal: Decimal
    discount_total: Decimal
    rounding: Decimal
    total: Decimal
    line_totals: tuple[Decimal, ...]


def line_gross(line: Line) -> Decimal:
    """Quantity × unit price, to the cent."""
    return cents(line.quantity * line.unit_price)


def line_discount(line: Line) -> Decimal:
    """The line's discount in money: a share of the gross, or a fixed amount per line."""
    if line.discount_percent is not None:
        return cents(line_gross(line) * line.discount_percent / HUNDRED)
    return cents(line.discount_amount) if line.discount_amount is not None else ZERO


def check_line(line: Line, prefix: str = "") -> None:
    """A line takes one discount or neither, and never a discount larger than the line itself."""
    if line.discount_percent is not None and line.discount_amount is not None:
        raise ValidationFailed.from_fields(
            {f"{prefix}discount_amount": "give a discount in percent or as an amount, not both"}
        )
    if line.discount_amount is not None and line.discount_amount > line_gross(line):
        raise ValidationFailed.from_fields(
            {f"{prefix}discount_amount": "must not exceed quantity × unit price"}
        )


def line_total(line: Line) -> Decimal:
    """Quantity × unit price − discount, to the cent (a rounding line has no total of its own)."""
    return line_gross(line) - line_discount(line)


def quote_totals(lines: Sequence[Line]) -> QuoteTotals:
    """Subtotal, discounts, the rounding item's amount and the total of a quote's lines.

    The rounding line (at most one) takes whatever keeps the total at its target.
    """
    priced = [line for line in lines if not line.is_rounding]
    subtotal = sum((line_gross(line) for line in priced), ZERO)
    discount_total = sum((line_discount(line) for line in priced), ZERO)
    net = subtotal - discount_total
    targets = [line.target_total for line in lines if line.is_rounding]
    rounding = cents(targets[0]) - net if targets and targets[0] is not None else ZERO
    totals = tuple(rounding if line.is_rounding else line_total(line) for line in lines)
    return QuoteTotals(subtotal, discount_total, rounding, net + rounding, totals)


def bundle_shares(price: Decimal, weights: Sequence[Decimal]) -> list[Decimal]:
    """Share a bundle price among items by weight; the shares add up to the price exactly.

    Each item first gets its weighted share rounded down to the cent; the cents left over go one
    each to the items that lost most by rounding (the earlier item on a tie).
    """
    if not weights or any(w <= 0 for w in weights):
        raise ValidationFailed.from_fields({"items": "a bundle needs items, each with a weight above zero"})
    total_weight = sum(weights, Decimal(0))
    exact = [price * w / total_weight for w in weights]
    shares = [e.quantize(CENT, rounding=ROUND_FLOOR) for e in exact]
    left = int((cents(price) - sum(shares, ZERO)) / CENT)
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - shares[i]), i))
    for i in order[:left]:
        shares[i] += CENT
    return shares


def convert(amount: Decimal, rate_from: Decimal, rate_to: Decimal) -> Decimal:
    """An amount in another currency; rates say what one unit is worth in the board currency."""
    return cents(amount * rate_from / rate_to)
