"""Campaign rules (spec §5.4): configured statuses, the running period, and the results arithmetic.

Cost per lead is cost / leads, rounded half-up to the cent; ROI is (won − cost) / cost × 100 in percent,
rounded half-up to one decimal. Both are None where they are undefined (no leads; no cost).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from rxcrm.domain.records.validation import FieldErrors, read_day
from rxcrm.domain.settings.ordered_lists import EntryRules

ACTIVE, ARCHIVED = "active", "archived"
STATUS_KINDS = (ACTIVE, ARCHIVED)
STATUS_RULES = EntryRules(
    kinds=STATUS_KINDS, default_kind=ACTIVE, max_name=20, defaults=((ACTIVE, ACTIVE), (ARCHIVED, ARCHIVED))
)
CENT = Decimal("0.01")
TENTH = Decimal("0.1")
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class CampaignFigures:
    """What a campaign brought, under one viewer's access: lead and deal counts, won amount and cost."""

    leads: int = 0
    qualified: int = 0
    disqualified: int = 0
    open_opportunities: int = 0
    won_count: int = 0
    won_amount: Decimal = Decimal("0.00")
    cost: Decimal | None = Decimal("0.00")  # None: no exchange rate for the campaign's currency


def cost_per_lead(cost: Decimal | None, leads: int) -> Decimal | None:
    """What one lead cost (to the cent); None without leads or without a known cost."""
    if cost is None or leads <= 0:
        return None
    return (cost / Decimal(leads)).quantize(CENT, rounding=ROUND_HALF_UP)


def roi_percent(won: Decimal, cost: Decimal | None) -> Decimal | None:
    """Return on investment in percent, one decimal: (won − cost) / cost × 100; None when cost is 0."""
    if cost is None or cost == 0:
        return None
    return ((won - cost) * HUNDRED / cost).quantize(TENTH, rounding=ROUND_HALF_UP)


def campaign_results(figures: CampaignFigures) -> dict[str, Any]:
    """The results of api.md (`leads` … `roi_percent`) from a campaign's figures."""
    return {
        **asdict(figures),
        "cost_per_lead": cost_per_lead(figures.cost, figures.leads),
        "roi_percent": roi_percent(figures.won_amount, figures.cost),
    }


def check_status(errors: FieldErrors, status: Any, names: Iterable[str]) -> str | None:
    """A campaign's status must be one of the configured statuses."""
    allowed = list(names)
    if not isinstance(status, str) or status not in allowed:
        errors.add("status", f"must be one of: {', '.join(allowed)}")
        return None
    return status


def check_period(
    errors: FieldErrors, data: Mapping[str, Any], starts: date | None, ends: date | None
) -> dict[str, date | None]:
    """The `starts`/`ends` days given (ISO dates; empty clears one), merged over the current ones; a
    campaign must not end before it starts."""
    values: dict[str, date | None] = {}
    for field in ("starts", "ends"):
        if field in data:
            values[field] = read_day(errors, data[field], field)
    first, last = values.get("starts", starts), values.get("ends", ends)
    if first is not None and last is not None and last < first and "ends" not in errors.fields:
        errors.add("ends", "must not be before the start")
    return values
