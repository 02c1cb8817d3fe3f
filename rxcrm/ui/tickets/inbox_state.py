"""The shared inbox page's state: segments by responsible, search, one page of tickets, statistics."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.services.tickets import tickets as service
from rxcrm.services.tickets.rows import assignee_choices, statistics_rows, ticket_rows
from rxcrm.services.tickets.statistics import ticket_statistics
from rxcrm.ui import routes
from rxcrm.ui.actions import action, success_toast
from rxcrm.ui.components.conversion import optional_id
from rxcrm.ui.paging import PagedList
from rxcrm.ui.state import AppState

SEGMENTS = (("mine", "Mine"), ("unassigned", "Unassigned"), ("open", "All open"), ("closed", "Closed"))
NOBODY = "none"


def segment_filter(segment: str, user_id: int, q: str | None) -> service.TicketFilter:
    """The saved view a segment stands for: by responsible (me, nobody) and open, all open, or closed."""
    if segment == "mine":
        return service.TicketFilter(assignee_id=user_id, open_only=True, q=q)
    if segment == "unassigned":
        return service.TicketFilter(unassigned=True, open_only=True, q=q)
    if segment == "closed":
        return service.TicketFilter(status="closed", q=q)
    return service.TicketFilter(open_only=True, q=q)


class TicketsState(PagedList, AppState):
    """The /tickets page."""

    segment: str = "open"
    rows: list[dict[str, str]] = []
    statistics: list[dict[str, str]] = []
    assignees: list[dict[str, str]] = []
    new_open: bool = False

    @rx.event
    @action
    def open_page(self, session: Session, _: User):
        """First load: the segment from the address (`?segment=mine`), the assignee choices."""
        wanted = self.router.url.query_parameters.get("segment", "open")
        self.segment = wanted if wanted in dict(SEGMENTS) else "open"
        self.offset, self.q = 0, ""
        self.assignees = [{"value": NOBODY, "label": "Unassigned"}, *assignee_choices(session)]
        return TicketsState.load

    @rx.event
    @action
    def load(self, session: Session, user: User):
        """Read one page of the segment's tickets and the statistics per responsible."""
        page = service.list_tickets(
            session, user, segment_filter(self.segment, user.id, self.q or None), self.limit, self.offset
        )
        self.rows, self.total = ticket_rows(session, user, page.items), page.total
        self.statistics = statistics_rows(session, user, ticket_statistics(session, user))

    @rx.event
    def set_segment(self, segment: str):
        """Show another segment, from its first page."""
        if segment in dict(SEGMENTS):
            self.segment, self.offset = segment, 0
        return TicketsState.load

    @rx.event
    def set_new_open(self, is_open: bool):
        """Open or close the new-ticket dialog."""
        self.new_open = is_open

    @rx.event
    @action
    def create(self, session: Session, user: User, form: dict):
        """Record a customer's request as a ticket and open it."""
        assignee = form.get("assignee_id")
        data = {k: form.get(k) for k in ("from_email", "subject", "body")}
        ticket = service.create_ticket(session, user, {**data, "assignee_id": optional_id(assignee)})
        self.new_open = False
        return [success_toast(f"Ticket #{ticket.number} created."), rx.redirect(routes.ticket_url(ticket.id))]
