"""The Tickets tab of an account page: the account's tickets, read when the tab opens."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.records.validation import record_id
from rxcrm.services.tickets import tickets as service
from rxcrm.services.tickets.rows import ticket_rows
from rxcrm.ui.actions import action
from rxcrm.ui.state import AppState
from rxcrm.ui.tickets.parts import ticket_table

TAB_ROWS = 50


class AccountTicketsState(AppState):
    """The account's latest tickets (50), whatever their status."""

    rows: list[dict[str, str]] = []

    @rx.event
    @action
    def load(self, session: Session, user: User):
        """Read the tickets of the account the page shows."""
        account_id = record_id(self.router.url.path.rstrip("/").rsplit("/", 1)[-1]) or 0
        page = service.list_tickets(session, user, service.TicketFilter(account_id=account_id), TAB_ROWS)
        self.rows = ticket_rows(session, user, page.items)


def account_tickets() -> rx.Component:
    """The account's tickets (customer e-mails from its contacts or its own address)."""
    return rx.box(
        ticket_table(AccountTicketsState.rows, "No tickets from this account yet."),
        on_mount=AccountTicketsState.load,
        width="100%",
        data_testid="account-tickets",
    )
