"""One ticket's page state: the thread, replying (e-mailed), internal notes, status and responsible."""

from __future__ import annotations

import asyncio

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.errors import DomainError
from rxcrm.services.commerce.email_sending import deliver_email
from rxcrm.services.tickets import tickets as service
from rxcrm.services.tickets.messages import add_message
from rxcrm.services.tickets.rows import assignee_choices, ticket_view
from rxcrm.ui.actions import action, success_toast
from rxcrm.ui.components.conversion import optional_id, record_id_from_path, record_ref
from rxcrm.ui.state import AppState
from rxcrm.ui.tickets.inbox_state import NOBODY

STATUS_CHOICES = [{"value": s, "label": s.capitalize()} for s in ("open", "pending", "closed")]


class TicketState(AppState):
    """The /tickets/[ticket_id] page."""

    found: bool = True
    ticket: dict[str, str] = {}
    thread: list[dict[str, str]] = []
    assignees: list[dict[str, str]] = []
    reply_key: int = 0
    _queued_id: int = 0

    def _ticket_id(self) -> int:
        return record_id_from_path(self.router.url.path)

    @rx.event
    @action
    def load(self, session: Session, user: User):
        """Read the ticket and its thread ('not found' for a ticket the user may not see)."""
        try:
            ticket = service.get_ticket(session, user, self._ticket_id())
        except DomainError:
            self.found, self.ticket, self.thread = False, {}, []
            return
        self.found = True
        self.ticket, self.thread = ticket_view(session, user, ticket)
        self.assignees = [{"value": NOBODY, "label": "Unassigned"}, *assignee_choices(session, user)]

    @rx.event
    @action
    def reply(self, session: Session, user: User, form: dict):
        """Store the reply in the thread and queue its e-mail; it is handed on once this unit commits."""
        message = add_message(session, user, record_ref(self.ticket.get("id")), {"kind": "reply", **form})
        self._queued_id, self.reply_key = message.email_id or 0, self.reply_key + 1
        return [TicketState.load, TicketState.deliver]

    @rx.event(background=True)
    async def deliver(self):
        """E-mail the queued reply (outside the state lock and any transaction) and tell how it went."""
        async with self:
            email_id, self._queued_id = self._queued_id, 0
        email = await asyncio.to_thread(deliver_email, email_id) if email_id else None
        if email is None:
            return
        if email.status == "failed":
            yield rx.toast.error(f"The reply to {email.to} was not sent: {email.error}", duration=60000)
        else:
            yield success_toast(f"Reply sent to {email.to}.")

    @rx.event
    @action
    def add_note(self, session: Session, user: User, form: dict):
        """Add an internal note (never e-mailed)."""
        add_message(session, user, record_ref(self.ticket.get("id")), {"kind": "internal_note", **form})
        self.reply_key += 1
        return [success_toast("Internal note added."), TicketState.load]

    @rx.event
    @action(reload="load")
    def set_status(self, session: Session, user: User, status: str):
        """Move the ticket to another status (closing it tells its responsible, unless it is you)."""
        service.update_ticket(session, user, record_ref(self.ticket.get("id")), {"status": status})
        return [success_toast(f"Ticket {status}."), TicketState.load]

    @rx.event
    @action(reload="load")
    def set_assignee(self, session: Session, user: User, value: str):
        """Give the ticket another responsible, or none."""
        changes = {"assignee_id": optional_id(value)}
        service.update_ticket(session, user, record_ref(self.ticket.get("id")), changes)
        return [success_toast("Responsible changed."), TicketState.load]
