"""Rules of a deal's quotes: reading a line from input, validity, the active quote, delete, copy."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from rxcrm.domain.commerce.money import MONEY_LIMIT, money_in, percent_in, quantity_in, signed_money_in
from rxcrm.domain.commerce.pricing import Line, QuoteTotals, check_line
from rxcrm.domain.errors import Conflict, ValidationFailed
from rxcrm.domain.records.validation import FieldErrors

LINE_READERS: dict[str, Callable[[Any], Decimal]] = {
    "quantity": quantity_in,
    "unit_price": money_in,
    "discount_percent": percent_in,
    "discount_amount": money_in,
    "target_total": signed_money_in,
}
OPTIONAL = ("discount_percent", "discount_amount")
ROUNDING_NAME = "Rounding"


def is_blank(value: Any) -> bool:
    """No value given: nothing, or empty text."""
    return value is None or (isinstance(value, str) and not value.strip())


def read_line(data: Mapping[str, Any], current: Line = Line()) -> Line:
    """A quote line with the numbers the user gave, checked: every wrong field named at once.

    Discounts may be cleared with an empty value; quantity, unit price and target may not.
    """
    errors = FieldErrors()
    values: dict[str, Decimal | None] = {}
    for field, reader in LINE_READERS.items():
        if field not in data:
            continue
        if is_blank(data[field]):
            if field in OPTIONAL:
                values[field] = None
            else:
                errors.add(field, "is required")
            continue
        try:
            values[field] = reader(data[field])
        except ValueError as exc:
            errors.add(field, str(exc))
    errors.raise_if_any()
    line = replace(current, **values)
    check_line(line)
    return line


def line_change(field: str, value: Any) -> dict[str, Any]:
    """One number typed into a line; a discount typed takes the other kind of discount off."""
    change: dict[str, Any] = {field: value}
    if field in OPTIONAL and not is_blank(value):
        change[OPTIONAL[1] if field == OPTIONAL[0] else OPTIONAL[0]] = None
    return change


def check_validity(valid_from: date | None, valid_until: date | None) -> None:
    """A quote is valid until a day on or after the day it is valid from."""
    if valid_from is not None and valid_until is not None and valid_until < valid_from:
        raise ValidationFailed.from_fields({"valid_until": "must be on or after the valid-from day"})


def starts_active(quotes_on_deal: int) -> bool:
    """A deal's first quote is its active one; later quotes start inactive."""
    return quotes_on_deal == 0


def copy_name(name: str) -> str:
    """The name of a duplicated quote."""
    return f"Copy of {name}"[:200]


def check_deletable(active: bool) -> None:
    """Only an inactive quote may be deleted: the active one is the deal amount."""
    if active:
        raise Conflict("The active quote cannot be deleted: activate another quote first.")


def check_no_rounding_yet(has_rounding: bool) -> None:
    """A quote holds at most one rounding item."""
    if has_rounding:
        raise Conflict("This quote already has a rounding item: change its target total instead.")


def check_totals_fit(totals: QuoteTotals, field: str = "quantity") -> None:
    """Every line and the quote's sums must fit the money columns (below 10^15)."""
    amounts = (totals.subtotal, totals.discount_total, totals.total, *totals.line_totals)
    if any(abs(amount) >= MONEY_LIMIT for amount in amounts):
        raise ValidationFailed.from_fields({field: "makes the quote total too large"})


def rounding_line(target_total: Decimal | None) -> Line:
    """The line of a rounding item holding the quote at a target total."""
    return Line(quantity=Decimal(1), is_rounding=True, target_total=target_total)
