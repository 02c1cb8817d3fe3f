"""The home page until the dashboards milestone: where to start, with live counts."""

from __future__ import annotations

import reflex as rx

from rxcrm.domain.errors import DomainError
from rxcrm.services.accounts import AccountFilter, list_accounts
from rxcrm.services.contacts import ContactFilter, list_contacts
from rxcrm.services.opportunities import OpportunityFilter, list_opportunities
from rxcrm.ui import routes
from rxcrm.ui.actions import acting
from rxcrm.ui.layout import app_page
from rxcrm.ui.state import AppState


class HomeState(AppState):
    """How many records the user can see."""

    counts: list[dict[str, str]] = []

    @rx.event
    def load(self):
        """Count the visible accounts, contacts and open opportunities."""
        try:
            with acting(self.token) as (session, user):
                self.counts = [
                    {
                        "label": "Accounts",
                        "value": str(list_accounts(session, user, AccountFilter(), limit=1).total),
                        "url": routes.ACCOUNTS,
                    },
                    {
                        "label": "Contacts",
                        "value": str(list_contacts(session, user, ContactFilter(), limit=1).total),
                        "url": routes.CONTACTS,
                    },
                    {
                        "label": "Open opportunities",
                        "url": routes.OPPORTUNITIES,
                        "value": str(
                            list_opportunities(session, user, OpportunityFilter(status="open"), limit=1).total
                        ),
                    },
                ]
        except DomainError:
            self.counts = []


def home_content() -> rx.Component:
    """Welcome, counts, and a note that dashboards arrive in their own milestone."""
    return rx.vstack(
        rx.heading("Welcome, " + AppState.user_name, size="5"),
        rx.hstack(
            rx.foreach(
                HomeState.counts,
                lambda c: rx.link(
                    rx.card(
                        rx.text(c["label"], size="2", color_scheme="gray"),
                        rx.heading(c["value"], size="8"),
                        width="200px",
                    ),
                    href=c["url"],
                    underline="none",
                ),
            ),
            spacing="4",
        ),
        rx.callout(
            "Dashboards with live Plotly widgets and baselines are coming in the dashboards milestone.",
            icon="construction",
        ),
        spacing="5",
    )


home_page = app_page("Dashboard", home_content)
ON_LOAD = [AppState.require_login, HomeState.load]
