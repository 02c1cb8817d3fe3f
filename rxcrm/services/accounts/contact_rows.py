"""Contacts as the UI lists them: every value as text, account and owner by name."""

from __future__ import annotations

from sqlmodel import Session

from rxcrm.db.models import Contact, User
from rxcrm.domain.accounts.contacts import contact_display_name
from rxcrm.services.people.field_visibility import hidden_for_viewer
from rxcrm.services.records.display_text import account_names, blanked, names_of, text


def contact_rows(session: Session, contacts: list[Contact]) -> list[dict[str, str]]:
    """Contacts as list rows with account and owner names."""
    owners = names_of(session, User, {c.owner_id for c in contacts}, User.name)
    accounts = account_names(session, {c.account_id for c in contacts})
    hidden = hidden_for_viewer(session, "contact")
    return blanked(
        [
            {
                "id": str(c.id),
                "name": contact_display_name(c.first_name, c.last_name),
                "first_name": text(c.first_name),
                "last_name": c.last_name,
                "email": text(c.email),
                "phone": text(c.phone),
                "position": text(c.position),
                "kind": c.kind,
                "account": accounts.get(c.account_id, ""),
                "account_id": text(c.account_id),
                "owner": owners.get(c.owner_id, ""),
            }
            for c in contacts
        ],
        hidden,
    )
