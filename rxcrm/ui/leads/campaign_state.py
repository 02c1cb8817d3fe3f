"""State of the campaigns page: the list with lead and deal counts, the create/edit dialog, archiving."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.errors import DomainError, ValidationFailed
from rxcrm.domain.people.reads import sees_campaign_money
from rxcrm.services.leads import campaigns as service
from rxcrm.ui.actions import acting, action, failure_toast, success_toast
from rxcrm.ui.components.conversion import record_ref
from rxcrm.ui.form_state import FormDialog
from rxcrm.ui.state import AppState

FIELDS = ("name", "budget", "cost", "currency")
ACTIVE, ARCHIVED = service.STATUSES


def campaign_row(item: dict) -> dict[str, str]:
    """A campaign as the table shows it: money (when the user sees it) with thousands separators."""
    return {
        "id": str(item["id"]),
        "name": item["name"],
        "status": item["status"],
        **{k: f"{item[k]:,.2f}" for k in ("budget", "cost") if k in item},
        "currency": item["currency"],
        **{k: str(item[k]) for k in ("leads", "open_leads", "disqualified_leads", "opportunities")},
    }


class CampaignsState(FormDialog, AppState):
    """The campaigns the user sees, with the counts of the leads and deals they may see."""

    rows: list[dict[str, str]] = []
    sees_money: bool = False

    @rx.var
    def may_edit(self) -> bool:
        """Admins and sales directors manage campaigns (the service refuses everyone else)."""
        return self.user_role in service.MANAGERS

    @rx.event
    @action
    def load(self, session: Session, user: User):
        """Read the campaigns with their counts (budgets and costs for staff only)."""
        self.sees_money = sees_campaign_money(user.role, user.partner_id)
        self.rows = [campaign_row(c) for c in service.list_campaigns(session, user)]

    @rx.event
    def open_new(self):
        """Open an empty campaign form."""
        self.values = {"name": "", "budget": "0.00", "cost": "0.00", "currency": "EUR"}
        self._show_form(0)

    @rx.event
    @action
    def open_edit(self, session: Session, user: User, campaign_id: str):
        """Open the form filled with a campaign's values."""
        campaign = service.campaign_to_edit(session, user, record_ref(campaign_id))
        self.values = {k: str(getattr(campaign, k)) for k in FIELDS}
        self._show_form(campaign.id)

    @rx.event
    def submit(self, form: dict):
        """Save the campaign, or show what to correct next to the fields."""
        data = {k: str(form.get(k, "")).strip() for k in FIELDS}
        data["currency"] = data["currency"].upper() or None
        data["budget"], data["cost"] = data["budget"] or "0", data["cost"] or "0"
        try:
            with acting(self.token) as (session, user):
                if self.editing_id:
                    campaign = service.update_campaign(session, user, self.editing_id, data)
                else:
                    campaign = service.create_campaign(session, user, data)
        except ValidationFailed as exc:
            self._show_errors(exc.fields)
            return None
        except DomainError as exc:
            return failure_toast(exc)
        self.form_open = False
        return [success_toast(f"Campaign '{campaign.name}' saved."), CampaignsState.load]

    @rx.event
    @action
    def set_status(self, session: Session, user: User, campaign_id: str, status: str):
        """Archive a campaign or make it active again."""
        campaign = service.update_campaign(session, user, record_ref(campaign_id), {"status": status})
        done = "archived" if campaign.status == ARCHIVED else "active again"
        return [success_toast(f"Campaign '{campaign.name}' is {done}."), CampaignsState.load]
