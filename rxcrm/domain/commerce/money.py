"""Reading money, quantities, percents, weights and currencies from input; rounding to the cent."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from rxcrm.domain.records.validation import parse_decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
HUNDRED = Decimal(100)
MONEY_LIMIT = Decimal("1e15")  # Numeric(18, 2) holds 16 digits before the point; sums must fit too
QUANTITY_LIMIT = Decimal("1e9")
WEIGHT_LIMIT = Decimal("1e9")
CURRENCY = re.compile(r"^[A-Z]{3}$")


def cents(value: Decimal) -> Decimal:
    """Money rounded half up to the cent."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def _read(value: Any, places: int, limit: Decimal) -> Decimal:
    return parse_decimal(value, places, limit)


def money_in(value: Any) -> Decimal:
    """A price or amount: two decimals at most, zero or more."""
    amount = _read(value, 2, MONEY_LIMIT)
    if amount < 0:
        raise ValueError("must not be negative")
    return amount


def signed_money_in(value: Any) -> Decimal:
    """An amount that may be negative (a target total, a credit)."""
    return _read(value, 2, MONEY_LIMIT)


def _positive(value: Any, places: int, limit: Decimal) -> Decimal:
    """A number more than zero, `places` decimals at most."""
    number = _read(value, places, limit)
    if number <= 0:
        raise ValueError("must be more than zero")
    return number


def quantity_in(value: Any) -> Decimal:
    """A quantity: more than zero, four decimals at most."""
    return _positive(value, 4, QUANTITY_LIMIT)


def percent_in(value: Any) -> Decimal:
    """A discount in percent: from 0 to 100, four decimals at most."""
    percent = _read(value, 4, Decimal(1000))
    if not ZERO <= percent <= HUNDRED:
        raise ValueError("must be between 0 and 100 %")
    return percent


def weight_in(value: Any) -> Decimal:
    """A bundle item's weight: more than zero, six decimals at most."""
    return _positive(value, 6, WEIGHT_LIMIT)


def currency_in(value: Any) -> str:
    """An ISO 4217 currency code such as EUR (lower case is accepted)."""
    code = str(value or "").strip().upper()
    if not CURRENCY.match(code):
        raise ValueError("must be a three-letter currency code such as EUR")
    return code


def money_text(value: Decimal | None) -> str | None:
    """Money as the contract's string with two decimals."""
    return None if value is None else str(cents(value))


def decimal_text(value: Decimal | None) -> str | None:
    """A quantity, percent or weight as a string without trailing zeros ("1.5", "10")."""
    if value is None:
        return None
    text = format(Decimal(value).normalize(), "f")
    return text
