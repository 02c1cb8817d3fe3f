"""Forecast shapes: the weighted open pipeline per period and owner or team, won and lost apart."""

from __future__ import annotations

from pydantic import BaseModel


class ForecastRow(BaseModel):
    """One period and group: open deals, their amount and weighted amount, won and lost amounts."""

    period: str
    group_key: str
    group_label: str
    open_count: int
    open_amount: str
    weighted_amount: str
    won_amount: str
    lost_amount: str


class ForecastTotals(BaseModel):
    """The totals over every period and group, and the deals left out (no exchange rate)."""

    open_amount: str
    weighted_amount: str
    won_amount: str
    lost_amount: str
    open_count: int
    unconverted: int


class ForecastPublic(BaseModel):
    """The forecast in the board currency (money as decimal strings)."""

    period: str
    group: str
    currency: str
    rows: list[ForecastRow]
    totals: ForecastTotals
    generated_at: str
