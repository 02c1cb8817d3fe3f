"""The shared inbox page's state: segments by responsible (built-in and saved views, with counts),
the responsible and status filters, search, one page of tickets, statistics."""

from __future__ import annotations

from typing import Any

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.records.saved_filters import ME, UNASSIGNED
from rxcrm.domain.tickets.tickets import OPEN_OR_PENDING, STATUSES
from rxcrm.services.records.saved_filters import ticket_filter
from rxcrm.services.tickets import tickets as service
from rxcrm.services.tickets.rows import STATUS_LABELS, assignee_choices, statistics_rows, ticket_rows
from rxcrm.services.tickets.segments import BUILT_IN_SEGMENTS, built_in_params, segment_counts
from rxcrm.services.tickets.statistics import ticket_statistics
from rxcrm.ui import routes
from rxcrm.ui.actions import action, success_toast
from rxcrm.ui.components.conversion import NONE, optional_id
from rxcrm.ui.components.saved_filters import SavedFilterable, owner_choice
from rxcrm.ui.components.setters import setter
from rxcrm.ui.paging import PagedList
from rxcrm.ui.state import AppState

SEGMENTS = tuple((key, label) for key, label, _ in BUILT_IN_SEGMENTS)
NOBODY = "none"
STATUS_OPTIONS = [
    {"value": OPEN_OR_PENDING, "label": "Open or pending"},
    *({"value": s, "label": STATUS_LABELS[s]} for s in STATUSES),
    {"value": NONE, "label": "Any status"},
]


def assignee_choice(value: str) -> int | str | None:
    """The responsible filter in saved-filter form: an id, 'me', 'unassigned', or nothing (anyone)."""
    return UNASSIGNED if value == UNASSIGNED else owner_choice(value)


class TicketsState(PagedList, SavedFilterable, AppState):
    """The /tickets page."""

    segment: str = "open"  # the built-in segment the list shows; "" for any other view
    segment_counts: dict[str, str] = {}
    saved_segments: list[dict[str, str]] = []
    assignee_filter: str = NONE
    status_filter: str = OPEN_OR_PENDING
    sort: str = ""  # the inbox has one order (most recently active first): views save none
    rows: list[dict[str, str]] = []
    statistics: list[dict[str, str]] = []
    assignees: list[dict[str, str]] = []
    assignee_filter_options: list[dict[str, str]] = []
    new_open: bool = False

    def _filter_names(self) -> tuple[str, ...]:
        return ("assignee_filter", "status_filter")

    def _saved_entity(self) -> str:
        return service.ENTITY

    def _view_params(self) -> dict[str, Any]:
        return {
            "q": self.q.strip() or None,
            "assignee_id": assignee_choice(self.assignee_filter),
            "status": None if self.status_filter == NONE else self.status_filter,
        }

    def _show_params(self, params: dict[str, Any], sort: str | None) -> None:
        self.q = params.get("q") or ""
        self.assignee_filter = str(params.get("assignee_id") or NONE)
        self.status_filter = params.get("status") or NONE

    def _after_saved_views(self, session: Session, user: User) -> None:
        """Count the tickets of every segment, built-in and saved, as this user sees them."""
        filters = {key: ticket_filter(params, user) for key, _, params in BUILT_IN_SEGMENTS}
        saved = {f"saved-{i}": ticket_filter(view["params"], user) for i, view in self._saved_views.items()}
        counts = segment_counts(session, user, {**filters, **saved})
        self.segment_counts = {key: str(counts[key]) for key in filters}
        self.saved_segments = [
            {**option, "count": str(counts[f"saved-{option['value']}"])}
            for option in self.saved_filter_options
        ]

    def _built_in_shown(self) -> str:
        """The built-in segment whose view the list shows, else ""."""
        current = {k: v for k, v in self._view_params().items() if v is not None}
        return next((key for key, _, params in BUILT_IN_SEGMENTS if params == current), "")

    @rx.event
    @action
    def open_page(self, session: Session, user: User):
        """First load: the segment from the address (`?segment=mine`), the responsible choices."""
        wanted = self.router.url.query_parameters.get("segment", "")
        if built_in_params(wanted) is not None:
            self._saved_default_applied = True  # a link to a segment wins over the default view
        self._show_params(built_in_params(wanted) or built_in_params("open") or {}, None)
        self.offset, self.saved_filter_id = 0, ""
        choices = assignee_choices(session, user)
        self.assignees = [{"value": NOBODY, "label": "Unassigned"}, *choices]
        people = [{"value": ME, "label": "Me"}, {"value": UNASSIGNED, "label": "Unassigned"}, *choices]
        self.assignee_filter_options = [{"value": NONE, "label": "Anyone"}, *people]
        return TicketsState.load

    @rx.event
    @action
    def load(self, session: Session, user: User):
        """Read the segments with their counts, one page of the view's tickets and the statistics."""
        self._prepare_saved_filters(session, user)
        flt = ticket_filter(self._view_params(), user)
        page = service.list_tickets(session, user, flt, self._window())
        self.rows, self.total = ticket_rows(session, user, page.items), page.total
        self.segment = self._built_in_shown()
        self.statistics = statistics_rows(session, user, ticket_statistics(session, user))

    @rx.event
    def set_segment(self, segment: str):
        """Show a built-in segment, from its first page."""
        params = built_in_params(segment)
        if params is None:
            return None
        self._show_params(params, None)
        self.saved_filter_id, self.offset = "", 0
        return TicketsState.load

    set_new_open = setter("new_open", "Open or close the new-ticket dialog.", value_type=bool)

    @rx.event
    @action
    def create(self, session: Session, user: User, form: dict):
        """Record a customer's request as a ticket and open it."""
        assignee = form.get("assignee_id")
        data = {k: form.get(k) for k in ("from_email", "subject", "body")}
        ticket = service.create_ticket(session, user, {**data, "assignee_id": optional_id(assignee)})
        self.new_open = False
        return [success_toast(f"Ticket #{ticket.number} created."), rx.redirect(routes.ticket_url(ticket.id))]
