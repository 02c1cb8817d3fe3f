"""The partner network (spec §5.3): search, filters by state, manager and country, and new partners.

A partner user has one partner: the list sends him/her straight to its page.
"""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.people.reads import is_external
from rxcrm.domain.records.saved_filters import ME
from rxcrm.services.accounts import partners as service
from rxcrm.services.accounts.partner_rows import partner_rows
from rxcrm.ui import routes
from rxcrm.ui.accounts.partner_form import PartnerFormState, partner_form_dialog
from rxcrm.ui.actions import action
from rxcrm.ui.components.controls import action_button, search_box, toolbar
from rxcrm.ui.components.conversion import NONE
from rxcrm.ui.components.lists import filter_select, header_row, paged_table
from rxcrm.ui.components.owner_filter import OwnerFilterable, owner_filter
from rxcrm.ui.components.records import linked_row
from rxcrm.ui.components.saved_filters import owner_choice
from rxcrm.ui.layout import app_page
from rxcrm.ui.paging import PagedList
from rxcrm.ui.state import AppState

STATES = [
    {"value": NONE, "label": "Active and inactive"},
    {"value": "active", "label": "Active"},
    {"value": "inactive", "label": "Inactive"},
]
ACTIVE = {"active": True, "inactive": False}


class PartnersState(PagedList, OwnerFilterable, AppState):
    """One page of the partner network and the filters that produced it."""

    rows: list[dict[str, str]] = []
    sort: str = "name"
    state_filter: str = NONE
    country: str = ""

    def _filter_names(self) -> tuple[str, ...]:
        return ("state_filter", "owner_filter", "country")

    @rx.event
    @action
    def load(self, session: Session, user: User):
        """Fetch the current page (a partner user goes to his/her partner's page instead)."""
        if is_external(user.role, user.partner_id):
            return rx.redirect(routes.partner_url(user.partner_id or 0))
        self._show_owner_filter(session, user)
        owner = owner_choice(self.owner_filter)
        flt = service.PartnerFilter(
            q=self.q.strip() or None,
            active=ACTIVE.get(self.state_filter),
            owner_id=user.id if owner == ME else owner,
            country=self.country.strip() or None,
        )
        page = service.search_partners(session, user, flt, self._window())
        self.rows, self.total = partner_rows(session, page.items), page.total

    @rx.event
    def set_country(self, country: str):
        """Narrow the list to one country as the user types it."""
        return self.set_filter("country", country)


def _toolbar() -> rx.Component:
    s = PartnersState
    return toolbar(
        search_box(s.q, s.set_q.debounce(300), "Search name, e-mail, city, website…", "partners-search"),
        filter_select(PartnersState, "state_filter", STATES, "State"),
        owner_filter(PartnersState, "partners-owner-filter", "partners-owner"),
        rx.input(
            placeholder="Country",
            value=s.country,
            on_change=s.set_country.debounce(300),
            width="120px",
            aria_label="Country",
            data_testid="partners-country",
        ),
        rx.spacer(),
        action_button("New partner", PartnerFormState.open_new, "partner-new", icon="plus"),
        width="100%",
        spacing="3",
    )


def _row(row: dict) -> rx.Component:
    state = rx.cond(row["active"] != "", rx.badge("active", color_scheme="green"), rx.badge("inactive"))
    keys = ("name", "city", "country", "email", "owner")
    return linked_row(row, keys, routes.PARTNERS, "partner-row", rx.table.cell(state))


def partners_content() -> rx.Component:
    """The partners list page body."""
    s = PartnersState
    header = header_row(
        PartnersState,
        ("Name", "name"),
        ("City", "city"),
        ("Country", "country"),
        "E-mail",
        "Manager",
        "State",
    )
    return rx.vstack(
        _toolbar(),
        paged_table(s, header, _row, "No partners match. Change the filters or add one."),
        partner_form_dialog(),
        width="100%",
        spacing="4",
    )


partners_page = app_page("Partners", partners_content)
ON_LOAD = [AppState.require_login, PartnersState.load]
