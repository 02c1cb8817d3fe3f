"""Exchange rate shapes: what other currencies are worth in the board currency."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel

from rxcrm.db.models import ExchangeRate
from rxcrm.db.schemas.shapes import Body, public_shape


class ExchangeRateSet(Body):
    """One unit of the currency in board-currency units, as a decimal string."""

    rate: Decimal


ExchangeRatePublic = public_shape(ExchangeRate, "A currency's rate in the board currency.")


class ExchangeRateList(BaseModel):
    """Every exchange rate and the board currency they convert into."""

    board_currency: str
    items: list[ExchangeRatePublic]  # type: ignore[valid-type]
    total: int
