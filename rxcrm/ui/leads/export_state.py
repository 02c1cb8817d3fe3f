"""Downloading a lead list as CSV or XLSX: every lead of the current filter and sort, all pages."""

from __future__ import annotations

import asyncio
from typing import Any

import reflex as rx

from rxcrm.domain.errors import DomainError
from rxcrm.services.leads import export as lead_export
from rxcrm.services.records.saved_filters import lead_filter
from rxcrm.ui.actions import acting, failure_toast
from rxcrm.ui.leads.parts import toolbar_button

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class LeadExport(rx.State, mixin=True):
    """Export events for a lead list state (it provides `_list_params` and `sort`)."""

    @rx.event(background=True)
    async def export_csv(self):
        """Download the filtered leads as CSV (cells safe against spreadsheet formulas)."""
        return await self._download("csv")

    @rx.event(background=True)
    async def export_xlsx(self):
        """Download the filtered leads as an Excel workbook."""
        return await self._download("xlsx")

    async def _download(self, extension: str):  # noqa: ANN202
        """Write the file in a worker thread: up to 100,000 rows never stall the event loop."""
        async with self:
            job = (self.token, dict(self._list_params()), self.sort, extension)
        try:
            data = await asyncio.to_thread(_write, *job)
        except DomainError as exc:
            return failure_toast(exc)
        mime = "text/csv" if extension == "csv" else XLSX
        return rx.download(data=data, filename=f"leads.{extension}", mime_type=mime)


def _write(token: str, params: dict[str, Any], sort: str | None, extension: str) -> str | bytes:
    """The export file, in its own unit of work as the logged-in user."""
    with acting(token) as (session, user):
        write = lead_export.export_csv if extension == "csv" else lead_export.export_xlsx
        return write(session, user, lead_filter(params, user), sort)


def export_buttons(state: type) -> rx.Component:
    """The list toolbar's export buttons."""
    return rx.hstack(
        toolbar_button("Export CSV", "download", state.export_csv, "leads-export-csv"),
        toolbar_button("Export XLSX", "sheet", state.export_xlsx, "leads-export-xlsx"),
        spacing="2",
    )
