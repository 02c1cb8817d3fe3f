"""What every record detail page keeps: the record's name, whether it was found, its tab and data rows."""

from __future__ import annotations

import reflex as rx

from rxcrm.domain.errors import DomainError
from rxcrm.ui.components.conversion import record_id_from_path
from rxcrm.ui.components.setters import setter


class RecordPage(rx.State, mixin=True):
    """A detail page whose URL names the record and may name a tab (`?tab=…`)."""

    name: str = ""
    found: bool = True
    tab: str = ""
    data_rows: list[dict[str, str]] = []

    set_tab = setter("tab", "Show another tab.", value_type=str)

    def _open_from_url(self, default_tab: str) -> int:
        """The id of the record the URL names; the tab shown is the one the URL names, else `default_tab`."""
        self.tab = self.router.url.query_parameters.get("tab", "") or default_tab
        return record_id_from_path(self.router.url.path)

    def _not_found(self, _error: DomainError | None = None) -> None:
        """A missing record, or one the user may not see: the page says so, naming none."""
        self.found, self.name = False, ""
