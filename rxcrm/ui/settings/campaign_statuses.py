"""Settings → Campaign statuses: the statuses campaigns may have, renamed in place, added and deleted
(a status campaigns use, or the last of its kind, is refused with the reason)."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.services.leads import campaign_statuses as service
from rxcrm.ui.actions import action, success_toast
from rxcrm.ui.components.controls import delete_icon, note
from rxcrm.ui.components.conversion import record_ref
from rxcrm.ui.components.forms import named_input
from rxcrm.ui.settings.parts import saved_on_leave, settings_card
from rxcrm.ui.state import AppState

KIND_LABELS = {"active": "running", "archived": "archived"}


class CampaignStatusesState(AppState):
    """The campaign statuses as the admin edits them."""

    statuses: list[dict[str, str]] = []

    @rx.event
    @action
    def load(self, session: Session, _user: User):
        """Read every campaign status in order."""
        self.statuses = [
            {"id": str(s.id), "name": s.name, "kind": KIND_LABELS.get(s.kind, s.kind)}
            for s in service.list_statuses(session)
        ]

    @rx.event
    @action(reload="load")
    def rename(self, session: Session, user: User, status_id: str, name: str):
        """Save a status' new name when its field is left (its campaigns follow)."""
        current = next((s for s in self.statuses if s["id"] == status_id), None)
        if current is None or current["name"] == name.strip():
            return None
        status = service.update_status(session, user, record_ref(status_id), {"name": name})
        return [success_toast(f"Campaign status '{status.name}' saved."), CampaignStatusesState.load]

    @rx.event
    @action
    def add(self, session: Session, user: User, form: dict):
        """Add a status; an archived one when the box is ticked."""
        kind = "archived" if form.get("status_archived") else "active"
        status = service.create_status(
            session, user, {"name": str(form.get("status_name", "")), "kind": kind}
        )
        return [success_toast(f"Campaign status '{status.name}' added."), CampaignStatusesState.load]

    @rx.event
    @action
    def delete(self, session: Session, user: User, status_id: str):
        """Delete a status no campaign uses (the refusal says why otherwise)."""
        service.delete_status(session, user, record_ref(status_id))
        return [success_toast("Campaign status deleted."), CampaignStatusesState.load]


def _status_row(s: dict) -> rx.Component:
    return rx.hstack(
        saved_on_leave(
            s["name"],
            lambda v: CampaignStatusesState.rename(s["id"], v),
            "Status name",
            "200px",
            "campaign-status-name-" + s["id"],
        ),
        rx.badge(s["kind"], color_scheme=rx.cond(s["kind"] == "archived", "gray", "green")),
        delete_icon(
            "Delete status " + s["name"],
            CampaignStatusesState.delete(s["id"]),
            "campaign-status-delete-" + s["id"],
        ),
        key=s["id"] + s["name"],
        align="center",
        spacing="2",
    )


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
    return settings_card(
        "Campaign statuses",
        note(
            "Archiving a campaign gives it the first archived status, unarchiving the first running one. "
            "A status campaigns still use cannot be deleted.",
            size="2",
        ),
        rx.foreach(CampaignStatusesState.statuses, _status_row),
        add,
        on_mount=CampaignStatusesState.load,
        data_testid="campaign-statuses",
    )
