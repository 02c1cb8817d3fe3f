"""The Tickets tab of an account page: the account's tickets, read when the tab opens."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.services.records.listing import TAB_PAGE
from rxcrm.services.tickets import tickets as service
from rxcrm.services.tickets.rows import ticket_rows
from rxcrm.ui.records.record_rows import PageRecordRows
from rxcrm.ui.state import AppState
from rxcrm.ui.tickets.parts import ticket_table


class AccountTicketsState(PageRecordRows, AppState):
    """The account's latest tickets (50), whatever their status."""

    def _rows_of(self, session: Session, user: User, record: int) -> list[dict[str, str]]:
        flt = service.TicketFilter(account_id=record)
        page = service.list_tickets(session, user, flt, TAB_PAGE)
        return ticket_rows(session, user, page.items)


def account_tickets() -> rx.Component:
    """The account's tickets (customer e-mails from its contacts or its own address)."""
    return rx.box(
        ticket_table(AccountTicketsState.rows, "No tickets from this account yet."),
        on_mount=AccountTicketsState.load,
        width="100%",
        data_testid="account-tickets",
    )
