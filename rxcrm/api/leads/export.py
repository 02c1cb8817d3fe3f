"""REST: GET /leads/export.csv and /leads/export.xlsx — the filtered lead list as a spreadsheet."""

from __future__ import annotations

from fastapi import APIRouter, Response

from rxcrm.api.deps import DB, Actor
from rxcrm.api.leads.leads import Filtered
from rxcrm.api.serialize import file_answer
from rxcrm.services.leads.export import export_csv, export_xlsx

router = APIRouter(prefix="/leads", tags=["leads"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(content: str | bytes, media_type: str, filename: str) -> Response:
    return Response(
        content, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{filename}"'}
    )


@router.get("/export.csv", response_class=Response, responses=file_answer("The leads as CSV.", "text/csv"))
def export_leads_csv(session: DB, actor: Actor, flt: Filtered) -> Response:
    """The filtered leads as CSV (only what the user may see; cells safe against formulas)."""
    return _download(export_csv(session, actor, flt.value, flt.sort), "text/csv; charset=utf-8", "leads.csv")


@router.get("/export.xlsx", response_class=Response, responses=file_answer("The leads as Excel.", XLSX))
def export_leads_xlsx(session: DB, actor: Actor, flt: Filtered) -> Response:
    """The filtered leads as an Excel workbook (same rows and columns as the CSV)."""
    return _download(export_xlsx(session, actor, flt.value, flt.sort), XLSX, "leads.xlsx")
