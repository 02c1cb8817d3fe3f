"""REST: /dashboards/widgets/{kind} — a dashboard widget's rows, the same data its chart draws."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from rxcrm.analytics.widgets import rows_json, widget_rows
from rxcrm.api.deps import DB, Actor
from rxcrm.db.schemas.dashboards import WidgetRows
from rxcrm.db.types import utcnow
from rxcrm.domain.dashboards.widgets import widget_kind, widget_params

router = APIRouter(prefix="/dashboards", tags=["dashboards"])
Text = Annotated[str | None, Query(max_length=100)]


@router.get("/widgets/{kind}", response_model=WidgetRows)
def get_widget(
    kind: str,
    session: DB,
    actor: Actor,
    date_from: Annotated[str | None, Query(alias="from", max_length=20)] = None,
    date_to: Annotated[str | None, Query(alias="to", max_length=20)] = None,
    owner_id: Text = None,
    team: Text = None,
    stage_id: Text = None,
    campaign_id: Text = None,
    partner_id: Text = None,
    period: Text = None,
    project_id: Text = None,
    pipeline_id: Text = None,
) -> dict[str, Any]:
    """A widget's rows for the caller's access rules, money as decimal strings in the board currency."""
    entry = widget_kind(kind)
    given = {
        "from": date_from,
        "to": date_to,
        "owner_id": owner_id,
        "team": team,
        "stage_id": stage_id,
        "campaign_id": campaign_id,
        "partner_id": partner_id,
        "period": period,
        "project_id": project_id,
        "pipeline_id": pipeline_id,
    }
    params = widget_params({name: value for name, value in given.items() if value is not None})
    return {
        "kind": entry.kind,
        "params": params.as_dict(),
        "rows": rows_json(widget_rows(session, actor, entry.kind, params)),
        "generated_at": utcnow().isoformat(),
    }
