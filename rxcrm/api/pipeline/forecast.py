"""REST: /forecast — the weighted open pipeline per period (of the expected close date) and owner or team;
won and lost amounts apart, in the period the deals were closed."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from rxcrm.analytics.forecast import forecast_rows, forecast_table, forecast_totals
from rxcrm.api.deps import DB, Actor
from rxcrm.db.schemas.forecast import ForecastPublic
from rxcrm.db.types import utcnow
from rxcrm.domain.pipeline.forecast import forecast_query
from rxcrm.services.settings.exchange_rates import board_currency

router = APIRouter(prefix="/forecast", tags=["forecast"])


@router.get("", response_model=ForecastPublic)
def get_forecast(
    session: DB,
    actor: Actor,
    period: Annotated[str, Query(max_length=20)] = "month",
    group: Annotated[str, Query(max_length=20)] = "owner",
    date_from: Annotated[str | None, Query(alias="from", max_length=20)] = None,
    date_to: Annotated[str | None, Query(alias="to", max_length=20)] = None,
    owner_id: Annotated[str | None, Query(max_length=20)] = None,
    team: Annotated[str | None, Query(max_length=100)] = None,
    pipeline_id: Annotated[str | None, Query(max_length=20)] = None,
) -> dict[str, Any]:
    """The forecast of the deals the caller may see (of one pipeline if asked), in the board currency."""
    query = forecast_query(period, group, date_from, date_to, owner_id, team, pipeline_id)
    table = forecast_table(session, actor, query)
    return {
        "period": query.period,
        "group": query.group,
        "currency": board_currency(session),
        "rows": forecast_rows(table),
        "totals": forecast_totals(table),
        "generated_at": utcnow().isoformat(),
    }
