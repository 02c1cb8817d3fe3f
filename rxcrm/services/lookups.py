"""Type-to-search record pickers: the few records of one kind whose name matches what the user typed."""

from __future__ import annotations

from sqlmodel import Session, select

from rxcrm.db.models import Campaign, Partner, User
from rxcrm.domain.contacts import contact_display_name
from rxcrm.domain.errors import DomainError, ValidationFailed
from rxcrm.services.access import visible
from rxcrm.services.accounts import AccountFilter, get_account, list_accounts
from rxcrm.services.contacts import ContactFilter, get_contact, list_contacts
from rxcrm.services.listing import search_clause

LOOKUP_LIMIT = 8
LOOKUP_KINDS = ("account", "contact", "partner", "campaign")


def _named(session: Session, actor: User, model: type, text: str, limit: int, record_id: int | None):  # noqa: ANN202
    statement = select(model.id, model.name)
    if model is Partner:
        statement = visible(statement, Partner, actor).where(Partner.active.is_(True))
    clause = search_clause(text, model.name)
    if clause is not None:
        statement = statement.where(clause)
    if record_id is not None:
        statement = statement.where(model.id == record_id)
    return list(session.exec(statement.order_by(model.name, model.id).limit(limit)).all())


def find_records(
    session: Session, actor: User, kind: str, text: str, limit: int = LOOKUP_LIMIT
) -> list[tuple[int, str]]:
    """The first records of `kind` the user may see whose name contains `text` (all when empty), by name."""
    query = (text or "").strip()[:100] or None
    if kind == "account":
        page = list_accounts(session, actor, AccountFilter(q=query), "name", limit=limit)
        return [(a.id, a.name) for a in page.items]
    if kind == "contact":
        page = list_contacts(session, actor, ContactFilter(q=query), "last_name", limit=limit)
        return [(c.id, contact_display_name(c.first_name, c.last_name)) for c in page.items]
    if kind in ("partner", "campaign"):
        model = Partner if kind == "partner" else Campaign
        return [(i, n) for i, n in _named(session, actor, model, query or "", limit, None)]
    raise ValidationFailed.from_fields({"kind": f"must be one of: {', '.join(LOOKUP_KINDS)}"})


def record_label(session: Session, actor: User, kind: str, record_id: int) -> str:
    """The name of one record of `kind` as the picker shows it; empty when the user may not see it."""
    try:
        if kind == "account":
            return get_account(session, actor, record_id).name
        if kind == "contact":
            contact = get_contact(session, actor, record_id)
            return contact_display_name(contact.first_name, contact.last_name)
    except DomainError:
        return ""
    if kind in ("partner", "campaign"):
        found = _named(session, actor, Partner if kind == "partner" else Campaign, "", 1, record_id)
        return found[0][1] if found else ""
    raise ValidationFailed.from_fields({"kind": f"must be one of: {', '.join(LOOKUP_KINDS)}"})
