"""Settings → Campaign statuses: the statuses campaigns may have, renamed in place, added and deleted
(a status campaigns use, or the last of its kind, is refused with the reason)."""

from __future__ import annotations

from typing import Any

import reflex as rx

from rxcrm.services.leads.campaign_statuses import CAMPAIGN_STATUSES
from rxcrm.services.settings.ordered_lists import OrderedList
from rxcrm.ui.components.forms import named_input
from rxcrm.ui.settings.ordered_list_parts import entry_row, ordered_list_card
from rxcrm.ui.settings.ordered_lists import OrderedListEditor
from rxcrm.ui.state import AppState

KIND_LABELS = {"active": "running", "archived": "archived"}


class CampaignStatusesState(OrderedListEditor, AppState):
    """The campaign statuses as the admin edits them (renaming one renames it on its campaigns)."""

    def _list(self) -> OrderedList:
        return CAMPAIGN_STATUSES

    def _new_entry(self, form: dict[str, Any]) -> dict[str, Any]:
        """A status; an archived one when the box is ticked."""
        kind = "archived" if form.get("status_archived") else "active"
        return {"name": str(form.get("status_name", "")), "kind": kind}

    def _shown_kind(self, kind: str) -> str:
        return KIND_LABELS.get(kind, kind)


def _status_row(s: dict) -> rx.Component:
    kind = rx.badge(s["kind"], color_scheme=rx.cond(s["kind"] == "archived", "gray", "green"))
    return entry_row(CampaignStatusesState, s, "Status", "campaign-status", kind, key=s["id"] + s["name"])


def campaign_statuses_section() -> rx.Component:
    """The statuses with their kinds, each renamed in place, and a form to add one."""
    add = rx.form(
        rx.hstack(
            named_input("status_name", "New status", "campaign-status-new", "200px"),
            rx.checkbox("Archived", name="status_archived", size="1"),
            rx.button("Add", size="1", type="submit", data_testid="campaign-status-add"),
            align="center",
        ),
        on_submit=CampaignStatusesState.add,
        reset_on_submit=True,
    )
    return ordered_list_card(
        CampaignStatusesState,
        "Campaign statuses",
        "Archiving a campaign gives it the first archived status, unarchiving the first running one. "
        "A status campaigns still use cannot be deleted.",
        _status_row,
        add,
        "campaign-statuses",
    )
