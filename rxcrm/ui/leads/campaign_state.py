"""State of the campaigns page: the list with lead and deal counts, the create/edit dialog, archiving."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.people.reads import sees_campaign_money
from rxcrm.services.leads import campaigns as service
from rxcrm.services.leads.campaign_statuses import status_names
from rxcrm.services.people.permissions import can
from rxcrm.ui.actions import action, success_toast
from rxcrm.ui.components.conversion import record_ref
from rxcrm.ui.form_state import FormDialog
from rxcrm.ui.state import AppState

FIELDS = ("name", "status", "budget", "cost", "currency", "starts", "ends")


def campaign_row(item: dict) -> dict[str, str]:
    """A campaign as the table shows it: money (when the user sees it) with thousands separators."""
    return {
        "id": str(item["id"]),
        "name": item["name"],
        "status": item["status"],
        "archived": "yes" if item.get("archived") else "",
        **{k: f"{item[k]:,.2f}" for k in ("budget", "cost") if k in item},
        "currency": item["currency"],
        **{k: str(item[k]) for k in ("leads", "open_leads", "disqualified_leads", "opportunities")},
    }


def _form_data(form: dict) -> dict:
    """The campaign form's input as the service takes it (empty money is 0, empty days clear them)."""
    data = {k: str(form.get(k, "")).strip() for k in FIELDS}
    data["currency"] = data["currency"].upper() or None
    data["budget"], data["cost"] = data["budget"] or "0", data["cost"] or "0"
    data["status"] = data["status"] or None
    return data


class CampaignForm(FormDialog, rx.State, mixin=True):
    """The create/edit campaign dialog and archiving, for the list and for a campaign's page."""

    sees_money: bool = False
    may_edit: bool = False
    status_options: list[dict[str, str]] = []

    def _load_choices(self, session: Session, user: User) -> None:
        """What the user may do and the statuses the form offers."""
        self.sees_money = sees_campaign_money(user.role, user.partner_id)
        self.may_edit = can(session, user, service.ENTITY, "edit")
        self.status_options = [{"value": n, "label": n} for n in status_names(session)]

    @rx.event
    def open_new(self):
        """Open an empty campaign form."""
        self.values = {"name": "", "status": "", "budget": "0.00", "cost": "0.00", "currency": "EUR"}
        self.values |= {"starts": "", "ends": ""}
        self._show_form(0)

    @rx.event
    @action
    def open_edit(self, session: Session, user: User, campaign_id: str):
        """Open the form filled with a campaign's values."""
        campaign = service.campaign_to_edit(session, user, record_ref(campaign_id))
        self.values = {k: "" if getattr(campaign, k) is None else str(getattr(campaign, k)) for k in FIELDS}
        self._show_form(campaign.id)

    @rx.event
    @action(refused="_refused")
    def submit(self, session: Session, user: User, form: dict):
        """Save the campaign, or show what to correct next to the fields."""
        data = _form_data(form)
        campaign = self._save_record(session, user, service.create_campaign, service.update_campaign, data)
        self.form_open = False
        return [success_toast(f"Campaign '{campaign.name}' saved."), self._reload()]

    @rx.event
    @action
    def set_archived(self, session: Session, user: User, campaign_id: str, archived: bool):
        """Archive a campaign or make it active again."""
        campaign = service.archive_campaign(session, user, record_ref(campaign_id), bool(archived))
        done = "archived" if archived else "active again"
        return [success_toast(f"Campaign '{campaign.name}' is {done}."), self._reload()]

    def _reload(self):  # noqa: ANN202
        """What reloads the page after a change."""
        raise NotImplementedError


class CampaignsState(CampaignForm, AppState):
    """The campaigns the user sees, with the counts of the leads and deals they may see."""

    rows: list[dict[str, str]] = []

    @rx.event
    @action
    def load(self, session: Session, user: User):
        """Read the campaigns with their counts (budgets and costs for staff only)."""
        self._load_choices(session, user)
        self.rows = [campaign_row(c) for c in service.list_campaigns(session, user)]

    def _reload(self):  # noqa: ANN202
        return CampaignsState.load
