"""One opportunity: its fields, owner, followers and history."""

from __future__ import annotations

import reflex as rx

from rxcrm.domain.errors import DomainError
from rxcrm.services import opportunities as service
from rxcrm.services.history import history_of
from rxcrm.services.ownership import owner_is_editable
from rxcrm.services.read_models import history_rows, opportunity_rows
from rxcrm.services.users import list_users
from rxcrm.ui.actions import acting, failure_toast, success_toast
from rxcrm.ui.components.conversion import options
from rxcrm.ui.components.records import field_grid, history_table, not_found
from rxcrm.ui.follow_state import Followable, follow_button
from rxcrm.ui.layout import app_page
from rxcrm.ui.pages.account_detail import record_id_from_path
from rxcrm.ui.state import AppState


class OpportunityState(Followable, AppState):
    """The opportunity opened on the detail page."""

    found: bool = True
    name: str = ""
    data_rows: list[dict[str, str]] = []
    history: list[dict[str, str]] = []
    opportunity_id: int = 0
    owner_id: str = ""
    owner_editable: bool = False
    owner_options: list[dict[str, str]] = []

    @rx.event
    def load_one(self):
        """Read the opportunity of the detail page."""
        try:
            with acting(self.token) as (session, user):
                deal = service.get_opportunity(session, user, record_id_from_path(self.router.url.path))
                self.opportunity_id, self.owner_id = deal.id, str(deal.owner_id)
                self.owner_editable = owner_is_editable(session, deal)
                self.owner_options = options(
                    [(u.id, u.name) for u in list_users(session, limit=500, active=True).items], None
                )
                self._load_followers(session, user)
                row = opportunity_rows(session, [deal])[0]
                labels = (
                    ("account", "Account"),
                    ("stage", "Stage"),
                    ("status", "Status"),
                    ("amount", "Amount"),
                    ("probability", "Probability"),
                    ("close_date", "Expected close"),
                    ("owner", "Owner"),
                    ("tags", "Tags"),
                )
                self.name, self.found = deal.name, True
                self.data_rows = [{"key": k, "label": label, "value": row[k]} for k, label in labels]
                self.history = history_rows(session, history_of(session, "opportunity", deal.id))
        except DomainError:
            self.found = False

    def _followed(self) -> tuple[str, int]:
        return "opportunity", self.opportunity_id

    @rx.event
    def change_owner(self, owner_id: str):
        """Hand the opportunity to another owner (allowed only while owners are decoupled)."""
        try:
            with acting(self.token) as (session, user):
                deal = service.update_opportunity(
                    session, user, self.opportunity_id, {"owner_id": int(owner_id)}
                )
        except DomainError as exc:
            return [failure_toast(exc), OpportunityState.load_one]
        return [success_toast(f"'{deal.name}' handed over."), OpportunityState.load_one]


def _owner_picker() -> rx.Component:
    s = OpportunityState
    return rx.hstack(
        rx.text("Owner", size="2", weight="medium"),
        rx.select.root(
            rx.select.trigger(data_testid="opportunity-owner"),
            rx.select.content(
                rx.foreach(s.owner_options, lambda o: rx.select.item(o["label"], value=o["value"]))
            ),
            value=s.owner_id,
            on_change=OpportunityState.change_owner,
            disabled=~s.owner_editable,
        ),
        rx.cond(
            ~s.owner_editable,
            rx.text(
                "Follows the contact's owner (Settings → Ownership allows different owners).",
                size="1",
                color_scheme="gray",
                data_testid="opportunity-owner-locked",
            ),
        ),
        align="center",
        spacing="3",
    )


def opportunity_detail_content() -> rx.Component:
    """One opportunity: its fields and history."""
    s = OpportunityState
    return rx.cond(
        s.found,
        rx.vstack(
            rx.hstack(
                rx.heading(s.name, size="7", data_testid="opportunity-name"),
                rx.spacer(),
                follow_button(OpportunityState),
                width="100%",
                align="center",
            ),
            _owner_picker(),
            rx.tabs.root(
                rx.tabs.list(
                    rx.tabs.trigger("Data", value="data"),
                    rx.tabs.trigger("History", value="history", data_testid="tab-history"),
                ),
                rx.tabs.content(rx.box(field_grid(s.data_rows), padding_top="16px"), value="data"),
                rx.tabs.content(rx.box(history_table(s.history), padding_top="16px"), value="history"),
                default_value="data",
                width="100%",
            ),
            width="100%",
            spacing="4",
        ),
        not_found("opportunity"),
    )


opportunity_detail_page = app_page("Opportunity", opportunity_detail_content)
ON_LOAD = [AppState.require_login, OpportunityState.load_one]
