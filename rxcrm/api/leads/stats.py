"""REST: /leads/statistics and /leads/conversion — lead counts per group and conversion per period."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from rxcrm.api.deps import DB, Actor
from rxcrm.db.schemas.lead_stats import LeadConversion, LeadStatistics
from rxcrm.domain.leads.stats import lead_stats_query
from rxcrm.services.leads.stats import lead_conversion, lead_statistics

router = APIRouter(prefix="/leads", tags=["lead statistics"])
DateFrom = Annotated[str | None, Query(alias="from", max_length=20)]
DateTo = Annotated[str | None, Query(alias="to", max_length=20)]


@router.get("/statistics", response_model=LeadStatistics)
def get_lead_statistics(
    session: DB,
    actor: Actor,
    group: Annotated[str, Query(max_length=20)] = "source",
    date_from: DateFrom = None,
    date_to: DateTo = None,
) -> dict[str, Any]:
    """Leads received from/to (the acting user's days, inclusive) per source, campaign, status or owner."""
    query = lead_stats_query(group=group, date_from=date_from, date_to=date_to)
    items = lead_statistics(session, actor, query)
    return {"group": query.group, "items": items, "total": sum(i["leads"] for i in items)}


@router.get("/conversion", response_model=LeadConversion)
def get_lead_conversion(
    session: DB,
    actor: Actor,
    period: Annotated[str, Query(max_length=20)] = "month",
    date_from: DateFrom = None,
    date_to: DateTo = None,
) -> dict[str, Any]:
    """Per week or month of receipt: leads, how many were qualified, and the conversion rate in %."""
    query = lead_stats_query(period=period, date_from=date_from, date_to=date_to)
    return lead_conversion(session, actor, query)
