"""What a ticket's responsible is told, and when: never of his/her own actions."""

from __future__ import annotations

from collections.abc import Sequence

from rxcrm.domain.records.history import FieldChange
from rxcrm.domain.tickets.tickets import CLOSED, CUSTOMER, INTERNAL_NOTE

CUSTOMER_REPLIED, NOTE_ADDED, TICKET_CLOSED, ASSIGNED = "customer", "note", "closed", "assigned"


def notice_kind(action: str, changes: Sequence[FieldChange]) -> str | None:
    """Which notice a ticket event is worth: a customer message, an internal note, closing, assignment."""
    fields = {change.field: change.new for change in changes}
    if action == "message" and CUSTOMER in fields:
        return CUSTOMER_REPLIED
    if action == "message" and INTERNAL_NOTE in fields:
        return NOTE_ADDED
    if action == "update" and fields.get("status") == CLOSED:
        return TICKET_CLOSED
    if action == "update" and fields.get("assignee_id"):
        return ASSIGNED
    return None


def should_notify(assignee_id: int | None, by_id: int | None) -> bool:
    """The responsible hears of what others (or the customer) did, never of his/her own doing."""
    return assignee_id is not None and assignee_id != by_id


def notice_text(kind: str, actor: str, number: int, subject: str) -> str:
    """The notification's message."""
    ticket = f"ticket #{number} '{subject}'"
    return {
        CUSTOMER_REPLIED: f"The customer wrote again on {ticket}",
        NOTE_ADDED: f"{actor} added an internal note to {ticket}",
        TICKET_CLOSED: f"{actor} closed {ticket}",
        ASSIGNED: f"{actor} assigned {ticket} to you",
    }[kind]
