"""The opportunity on the detail page: what it shows, and the one-click actions (stages, won, sold, copy)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import Opportunity, User
from rxcrm.domain.errors import DomainError
from rxcrm.services.accounts.business_roles import list_business_roles
from rxcrm.services.accounts.ownership import owner_is_editable
from rxcrm.services.commerce.contract_rows import contracts_to_create, sold_on
from rxcrm.services.pipeline import moves as actions
from rxcrm.services.pipeline import opportunities as service
from rxcrm.services.pipeline.rows import business_role_rows, opportunity_data, opportunity_header
from rxcrm.services.pipeline.stages import get_stage, list_stages
from rxcrm.services.records.activities import list_activities, list_categories
from rxcrm.services.records.history import history_of
from rxcrm.services.records.listing import TAB_PAGE
from rxcrm.services.records.lookups import record_label
from rxcrm.services.records.timeline_rows import activity_rows, history_rows
from rxcrm.services.settings.toggles import current_settings
from rxcrm.ui import routes
from rxcrm.ui.actions import acting, action, failure_toast, success_toast
from rxcrm.ui.commerce.contract_state import RecordContractsState
from rxcrm.ui.components.conversion import record_id_from_path, record_ref
from rxcrm.ui.components.records import with_links
from rxcrm.ui.components.setters import setter
from rxcrm.ui.components.tags import coloured
from rxcrm.ui.form_errors import problem_on
from rxcrm.ui.records.delete_state import DeletableRecord
from rxcrm.ui.records.follow_state import Followable
from rxcrm.ui.state import AppState

DealAction = Callable[[Session, User, int], Any]


class OpportunityState(DeletableRecord, Followable, AppState):
    """The opportunity opened on the detail page, its stage bar and its tabs."""

    found: bool = True
    opportunity_id: int = 0
    name: str = ""
    status: str = ""
    amount: str = ""
    locked: bool = False
    sold_note: str = ""
    sell_open: bool = False
    sell_count: int = 0
    tags: list[dict[str, str]] = []
    stages: list[dict[str, str]] = []
    data_rows: list[dict[str, str]] = []
    history: list[dict[str, str]] = []
    owner_id: str = ""
    owner_editable: bool = False
    owner_name: str = ""
    show_activities: bool = True
    activities: list[dict[str, str]] = []
    categories: list[dict[str, str]] = []
    roles: list[dict[str, str]] = []
    lost_open: bool = False
    lost_stage_id: int = 0
    lost_error: str = ""

    @rx.event
    def load_one(self):
        """Read the opportunity of the detail page and the contents of its tabs."""
        try:
            with acting(self.token) as (session, user):
                deal = service.get_opportunity(session, user, record_id_from_path(self.router.url.path))
                self.opportunity_id, self.found = deal.id, True
                self._load_header(session, user, deal)
                self._load_followers(session, user)
                self._load_tabs(session, user, deal)
        except DomainError:
            self.found = False

    def _load_header(self, session: Session, user: User, deal: Opportunity) -> None:
        head = opportunity_header(session, deal)
        self.name, self.status, self.amount, self.locked = (
            head["name"],
            head["status"],
            head["amount"],
            head["locked"],
        )
        self.tags = coloured(head["tags"])
        day = sold_on(session, deal) if deal.locked else None
        self.sold_note = f"Sold on {day.isoformat() if day else '—'} — locked. Unlock to change it."
        self.owner_id, self.owner_editable = str(deal.owner_id), owner_is_editable(session, deal)
        self.owner_name = record_label(session, user, "owner", deal.owner_id) or "—"
        pipeline_id = get_stage(session, deal.stage_id).pipeline_id
        self.stages = [
            {
                "id": str(s.id),
                "name": s.name,
                "color": s.color,
                "kind": s.kind,
                "current": "yes" if s.id == deal.stage_id else "",
            }
            for s in list_stages(session, pipeline_id)
        ]

    def _load_tabs(self, session: Session, user: User, deal: Opportunity) -> None:
        self.data_rows = with_links(
            opportunity_data(session, deal),
            {
                "account": deal.account_id and routes.account_url(deal.account_id),
                "contact": deal.contact_id and routes.contact_url(deal.contact_id),
                "campaign": deal.campaign_id and routes.CAMPAIGNS,
            },
        )
        self.history = history_rows(session, history_of(session, "opportunity", deal.id), deal.currency)
        self.roles = business_role_rows(session, list_business_roles(session, user, deal.id))
        self.show_activities = bool(current_settings(session)["show_activities_on_opportunities"])
        acts = list_activities(session, user, "opportunity", deal.id, TAB_PAGE).items
        self.activities = activity_rows(session, acts) if self.show_activities else []
        self.categories = [{"value": str(c.id), "label": c.name} for c in list_categories(session)]

    def _followed(self) -> tuple[str, int]:
        return "opportunity", self.opportunity_id

    @action(reload="load_one")
    def _run(self, session: Session, user: User, action: DealAction, done: str):
        """One action on the deal (given its id), a toast saying how it went, and the page read again."""
        result = action(session, user, self.opportunity_id)
        return [success_toast(done.format(name=getattr(result, "name", ""))), OpportunityState.load_one]

    @rx.event
    def change_owner(self, owner_id: str):
        """Hand the opportunity to another owner (allowed only while owners are decoupled)."""
        if not owner_id:  # the owner's name was cleared to type another: nothing changes yet
            self.owner_id = ""
            return None
        owner = {"owner_id": record_ref(owner_id)}
        return self._run(lambda s, u, i: service.update_opportunity(s, u, i, owner), "'{name}' handed over.")

    @rx.event
    @action(reload="load_one")
    def choose_stage(self, session: Session, user: User, stage_id: str):
        """A click on the stage bar: an open or won stage moves the deal, a lost one asks why first."""
        target = record_ref(stage_id)
        if self.locked:
            return rx.toast.error(self.sold_note, duration=6000)
        if actions.stage_needs_reason(session, target):
            self.lost_stage_id, self.lost_open, self.lost_error = target, True, ""
            return None
        deal = actions.move_opportunity(session, user, self.opportunity_id, target)
        moved = f"'{deal.name}' moved to {get_stage(session, target).name}."
        return [success_toast(moved), OpportunityState.load_one]

    @rx.event
    def ask_lost_reason(self):
        """The 'Lost' action: ask why, then close the deal in its pipeline's lost stage."""
        self.lost_stage_id, self.lost_open, self.lost_error = 0, True, ""

    @rx.event
    def set_lost_open(self, is_open: bool):
        """Show or hide the lost-reason dialog."""
        self.lost_open, self.lost_error = is_open, ""

    @rx.event
    def clear_lost_error(self):
        """The user is typing a reason: the 'say why' mark goes (the next confirm judges it again)."""
        if self.lost_error:
            self.lost_error = ""

    @rx.event
    def confirm_lost(self, form: dict):
        """Close the deal as lost with the reason given; without one the dialog stays open, reason marked."""
        reason, stage_id = str(form.get("reason", "")), self.lost_stage_id
        try:
            with acting(self.token) as (session, user):
                if stage_id:
                    deal = actions.move_opportunity(session, user, self.opportunity_id, stage_id, reason)
                else:
                    deal = actions.mark_lost(session, user, self.opportunity_id, reason)
        except DomainError as exc:
            self.lost_error = problem_on(exc, "reason", "lost_reason")
            if self.lost_error:
                return failure_toast(exc)
            self.lost_open = False
            return [failure_toast(exc), OpportunityState.load_one]
        self.lost_open, self.lost_error = False, ""
        return [success_toast(f"'{deal.name}' marked as lost."), OpportunityState.load_one]

    @rx.event
    def mark_won(self):
        """Close the deal as won."""
        return self._run(actions.mark_won, "'{name}' won.")

    @rx.event
    @action
    def ask_sold(self, session: Session, user: User):
        """'Mark as sold': say how many contracts the active quote makes, or why it cannot be sold."""
        count = contracts_to_create(session, service.get_opportunity(session, user, self.opportunity_id))
        if count == 0:
            return rx.toast.error(f"To mark '{self.name}' as sold it needs an active quote with items.")
        self.sell_count, self.sell_open = count, True
        return None

    set_sell_open = setter("sell_open", "Show or hide the sale confirmation.", value_type=bool)

    @rx.event
    def mark_sold(self):
        """Sell the deal: its active quote's items become contracts, and it is won and locked."""
        self.sell_open = False
        done = self._run(actions.mark_sold, "'{name}' sold and locked; its contracts are made.")
        return [*done, RecordContractsState.load]

    @rx.event
    def unlock(self):
        """Reopen a sold deal for edits."""
        return self._run(actions.unlock_opportunity, "'{name}' unlocked.")

    @rx.event
    @action
    def copy(self, session: Session, user: User):
        """Copy the deal (with its business roles) and open the copy."""
        copy = actions.copy_opportunity(session, user, self.opportunity_id)
        return [success_toast(f"'{copy.name}' created."), rx.redirect(routes.opportunity_url(copy.id))]

    def _delete_record(self, session: Session, user: User) -> tuple[str, str]:
        service.delete_opportunity(session, user, self.opportunity_id)
        return f"Opportunity '{self.name}' deleted.", routes.OPPORTUNITIES
