"""REST: GET /leads/export.csv and /leads/export.xlsx — the filtered lead list as a spreadsheet."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Response

from rxcrm.api.custom_fields import CustomFilter
from rxcrm.api.deps import DB, Actor
from rxcrm.domain.leads import LIST_STATES
from rxcrm.services.lead_export import export_csv, export_xlsx
from rxcrm.services.leads import LeadFilter

router = APIRouter(prefix="/leads", tags=["leads"])
State = Literal[LIST_STATES]  # type: ignore[valid-type]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ExportFilter:
    """The lead list's filter parameters, the same the list takes."""

    def __init__(
        self,
        custom: CustomFilter,
        q: Annotated[str | None, Query(max_length=200)] = None,
        state: State | None = None,
        owner_id: int | None = None,
        partner_id: int | None = None,
        campaign_id: int | None = None,
        source: Annotated[str | None, Query(max_length=100)] = None,
        duplicates: bool = False,
        sort: Annotated[str | None, Query(max_length=50)] = None,
    ) -> None:
        self.sort = sort
        self.value = LeadFilter(
            q=q,
            state=state,
            owner_id=owner_id,
            partner_id=partner_id,
            campaign_id=campaign_id,
            source=source,
            duplicates=duplicates,
            custom=custom,
        )


Filtered = Annotated[ExportFilter, Depends()]


def _download(content: str | bytes, media_type: str, filename: str) -> Response:
    return Response(
        content, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{filename}"'}
    )


@router.get("/export.csv")
def export_leads_csv(session: DB, actor: Actor, flt: Filtered) -> Response:
    """The filtered leads as CSV (only what the user may see; cells safe against formulas)."""
    return _download(export_csv(session, actor, flt.value, flt.sort), "text/csv; charset=utf-8", "leads.csv")


@router.get("/export.xlsx")
def export_leads_xlsx(session: DB, actor: Actor, flt: Filtered) -> Response:
    """The filtered leads as an Excel workbook (same rows and columns as the CSV)."""
    return _download(export_xlsx(session, actor, flt.value, flt.sort), XLSX, "leads.xlsx")
