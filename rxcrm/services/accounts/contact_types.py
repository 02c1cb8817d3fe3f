"""Contact types as admin-edited configuration (spec §5.2, §7): add, rename, re-kind, order, delete.

A type channels use is never deleted, nor does it change kind (its values were checked for the old one).
"""

from __future__ import annotations

from sqlmodel import Session

from rxcrm.db.models import ContactChannel, ContactType
from rxcrm.domain.accounts.contact_channels import CONTACT_TYPE_RULES
from rxcrm.services.records.listing import count_where
from rxcrm.services.settings.ordered_lists import OrderedList


def _uses(session: Session, contact_type: ContactType) -> int:
    return count_where(session, ContactChannel, ContactChannel.type_id == contact_type.id)


def _kind_locked(session: Session, contact_type: ContactType) -> str | None:
    used = _uses(session, contact_type)
    if not used:
        return None
    return (
        f"{used} channel(s) of contacts are of type '{contact_type.name}': "
        "its kind cannot change while they use it (add a new type instead)."
    )


def _in_use(session: Session, contact_type: ContactType) -> str | None:
    used = _uses(session, contact_type)
    if not used:
        return None
    return f"{used} channel(s) of contacts are of type '{contact_type.name}': remove them first."


CONTACT_TYPES = OrderedList(
    model=ContactType,
    entity="contact_type",
    noun="contact type",
    configure="configure contact types",
    rules=CONTACT_TYPE_RULES,
    refuse_kind_change=_kind_locked,
    refuse_delete=_in_use,
)


def list_contact_types(session: Session) -> list[ContactType]:
    """Every contact type in the admin's order (any user may read them)."""
    return CONTACT_TYPES.entries(session)
