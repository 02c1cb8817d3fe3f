"""Lead report shapes: counts per list, statistics per group, conversion per period."""

from __future__ import annotations

from pydantic import BaseModel, create_model

from rxcrm.domain.leads.lifecycle import LIST_STATES

LeadCounts = create_model(
    "LeadCounts",
    __doc__="How many visible leads each list (open, untouched, today, …) holds.",
    **dict.fromkeys(LIST_STATES, (int, ...)),
)


class LeadGroupStats(BaseModel):
    """One group (a source, campaign, status or owner): leads received and what became of them."""

    key: str
    label: str
    leads: int
    open: int
    qualified: int
    disqualified: int
    rate: float


class LeadStatistics(BaseModel):
    """Leads received in the range per group, and their total."""

    group: str
    items: list[LeadGroupStats]
    total: int


class ConversionCounts(BaseModel):
    """Leads received, how many were qualified, and the conversion rate in %."""

    leads: int
    qualified: int
    rate: float


class ConversionPeriod(BaseModel):
    """One week or month of receipt: leads received, how many were qualified, the rate in %."""

    period: str
    leads: int
    qualified: int
    rate: float


class LeadConversion(BaseModel):
    """Conversion per week or month of receipt, and over the whole range."""

    period: str
    rows: list[ConversionPeriod]
    total: ConversionCounts
