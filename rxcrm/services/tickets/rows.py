"""Read models of the shared inbox for the pages: rows of text, the thread, the pickers' choices."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from rxcrm.db.models import Account, Contact, Ticket, User
from rxcrm.domain.accounts.contacts import contact_display_name
from rxcrm.domain.errors import NotFound
from rxcrm.domain.people.reads import is_external
from rxcrm.services.people.access import get_visible
from rxcrm.services.people.permissions import can
from rxcrm.services.people.time_zones import shown_time
from rxcrm.services.people.users import user_names
from rxcrm.services.tickets.tickets import PERMISSION, messages_of

STATUS_LABELS = {"open": "Open", "pending": "Pending", "closed": "Closed"}
KIND_LABELS = {"customer": "Customer", "reply": "Reply", "internal_note": "Internal note"}


def _name(names: dict[int, str], user_id: int | None, empty: str = "Unassigned") -> str:
    return names.get(user_id, "—") if user_id is not None else empty


def ticket_rows(session: Session, viewer: User, tickets: list[Ticket]) -> list[dict[str, str]]:
    """One line of text per ticket for the inbox table."""
    names = user_names(session, viewer)
    return [
        {
            "id": str(t.id),
            "number": f"#{t.number}",
            "subject": t.subject,
            "from_email": t.from_email,
            "status": t.status,
            "status_label": STATUS_LABELS.get(t.status, t.status),
            "assignee": _name(names, t.assignee_id),
            "updated": shown_time(t.updated_at),
        }
        for t in tickets
    ]


def _linked(session: Session, viewer: User, model: type, record_id: int | None) -> Any:
    """A linked record the viewer may see, else None (a hidden one is not named)."""
    if record_id is None:
        return None
    try:
        return get_visible(session, model, record_id, viewer, model.__name__.lower())
    except NotFound:
        return None


def ticket_view(
    session: Session, viewer: User, ticket: Ticket
) -> tuple[dict[str, str], list[dict[str, str]]]:
    """A ticket's page: its fields as text with the linked contact and account, and its thread."""
    names = user_names(session, viewer)
    contact = _linked(session, viewer, Contact, ticket.contact_id)
    account = _linked(session, viewer, Account, ticket.account_id)
    thread = [
        {
            "id": str(m.id),
            "kind": m.kind,
            "kind_label": KIND_LABELS.get(m.kind, m.kind),
            "author": _name(names, m.author_id, ticket.from_email),
            "at": shown_time(m.at),
            "body": m.body,
        }
        for m in messages_of(session, [ticket.id])[ticket.id]
    ]
    fields = {
        "id": str(ticket.id),
        "number": f"#{ticket.number}",
        "subject": ticket.subject,
        "status": ticket.status,
        "status_label": STATUS_LABELS.get(ticket.status, ticket.status),
        "assignee_id": str(ticket.assignee_id) if ticket.assignee_id else "none",  # the picker's value
        "from_email": ticket.from_email,
        "contact": contact_display_name(contact.first_name, contact.last_name) if contact else "",
        "contact_id": str(contact.id) if contact else "",
        "account": account.name if account else "",
        "account_id": str(account.id) if account else "",
        "created": shown_time(ticket.created_at),
    }
    return fields, thread


def assignee_choices(session: Session, viewer: User) -> list[dict[str, str]]:
    """The users a ticket may be assigned to (active internal users), by name; none for a viewer outside
    the inbox (a partner user, a role without the tickets view: no staff names reach the browser)."""
    if is_external(viewer.role, viewer.partner_id) or not can(session, viewer, PERMISSION, "view"):
        return []
    users = session.exec(
        select(User.id, User.name).where(User.active.is_(True), User.role != "partner").order_by(User.name)
    ).all()
    return [{"value": str(uid), "label": name} for uid, name in users]


def statistics_rows(session: Session, viewer: User, stats: list[dict[str, Any]]) -> list[dict[str, str]]:
    """The statistics per responsible as text (minutes with one decimal, '—' before any reply)."""
    names = user_names(session, viewer)
    shown = [(row, row["median_first_reply_minutes"]) for row in stats]
    return [
        {
            "assignee": _name(names, row["assignee_id"]),
            "open": str(row["open"]),
            "closed": str(row["closed"]),
            "median": "—" if median is None else f"{median:g}",
        }
        for row, median in shown
    ]
