"""A contact's channels: the addresses of the admin's contact types (Skype, LinkedIn…) beside its e-mail
and phone. A change is written to the contact's history as its `channels` field (erased with the person)."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, delete, select

from rxcrm.db.models import ContactChannel, ContactType, User
from rxcrm.db.types import utcnow
from rxcrm.domain.accounts.contact_channels import MAX_CHANNELS, channel_href, clean_channel_value
from rxcrm.domain.errors import NotFound, ValidationFailed
from rxcrm.domain.records.history import FieldChange
from rxcrm.domain.records.validation import FieldErrors
from rxcrm.services.accounts.contacts import ENTITY, get_contact
from rxcrm.services.people.permissions import require
from rxcrm.services.records.events import ChangeEvent, publish

FIELD = "channels"


def _rows(session: Session, contact_id: int) -> list[tuple[ContactChannel, ContactType]]:
    statement = (
        select(ContactChannel, ContactType)
        .join(ContactType, ContactType.id == ContactChannel.type_id)
        .where(ContactChannel.contact_id == contact_id)
        .order_by(ContactChannel.position, ContactChannel.id)
    )
    return list(session.exec(statement).all())


def _shown(channel: ContactChannel, contact_type: ContactType) -> dict[str, Any]:
    return {
        "id": channel.id,
        "type_id": contact_type.id,
        "type": contact_type.name,
        "kind": contact_type.kind,
        "value": channel.value,
        "href": channel_href(contact_type.kind, channel.value),
    }


def list_channels(session: Session, actor: User, contact_id: int) -> list[dict[str, Any]]:
    """The channels of a contact the user may see, in order, each with its type, kind and link."""
    contact = get_contact(session, actor, contact_id)
    return [_shown(c, t) for c, t in _rows(session, contact.id)]


def _history_text(pairs: list[tuple[str, str]]) -> str | None:
    return "; ".join(f"{name}: {value}" for name, value in pairs) or None


def _checked(session: Session, channels: list[dict[str, Any]]) -> list[tuple[ContactType, str]]:
    """Each (type, value) checked by the type's kind; every wrong one named (`channels.2.value`)."""
    if len(channels) > MAX_CHANNELS:
        raise ValidationFailed.from_fields({FIELD: f"at most {MAX_CHANNELS} channels"})
    types = {t.id: t for t in session.exec(select(ContactType)).all()}
    errors, checked = FieldErrors(), []
    for index, given in enumerate(channels):
        contact_type = types.get(given.get("type_id"))
        if contact_type is None:
            errors.add(f"{FIELD}.{index}.type_id", "is not a contact type")
            continue
        try:
            checked.append((contact_type, clean_channel_value(contact_type.kind, given.get("value"))))
        except ValidationFailed as problem:
            errors.add(f"{FIELD}.{index}.value", problem.fields["value"])
    errors.raise_if_any()
    seen: set[tuple[int | None, str]] = set()
    kept = []
    for contact_type, value in checked:
        if (contact_type.id, value.lower()) not in seen:
            seen.add((contact_type.id, value.lower()))
            kept.append((contact_type, value))
    return kept


def set_channels(
    session: Session, actor: User, contact_id: int, channels: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Replace a contact's channels with the list given (`type_id`, `value`); a repeated one is kept once."""
    contact = get_contact(session, actor, contact_id)
    require(session, actor, "contacts", "edit")
    wanted = _checked(session, channels)
    before = [(t.name, c.value) for c, t in _rows(session, contact.id)]
    after = [(t.name, v) for t, v in wanted]
    if before != after:
        session.exec(delete(ContactChannel).where(ContactChannel.contact_id == contact.id))
        for position, (contact_type, value) in enumerate(wanted):
            session.add(
                ContactChannel(contact_id=contact.id, type_id=contact_type.id, value=value, position=position)
            )
        contact.updated_at = utcnow()
        session.add(contact)
        session.flush()
        change = FieldChange(FIELD, _history_text(before), _history_text(after))
        publish(session, ChangeEvent(ENTITY, contact.id, "update", (change,), actor.id))
    return list_channels(session, actor, contact.id)


def _current(session: Session, contact_id: int) -> list[dict[str, Any]]:
    return [{"id": c.id, "type_id": t.id, "value": c.value} for c, t in _rows(session, contact_id)]


def add_channel(
    session: Session, actor: User, contact_id: int, type_id: Any, value: Any
) -> list[dict[str, Any]]:
    """Add one channel at the end of a contact's list (a refusal names `type_id` or `value`)."""
    contact = get_contact(session, actor, contact_id)
    wanted = [*_current(session, contact.id), {"type_id": type_id, "value": value}]
    try:
        return set_channels(session, actor, contact.id, wanted)
    except ValidationFailed as problem:
        raise ValidationFailed.from_fields(
            {k.rsplit(".", 1)[-1]: v for k, v in problem.fields.items()}
        ) from problem


def remove_channel(session: Session, actor: User, contact_id: int, channel_id: Any) -> list[dict[str, Any]]:
    """Take one channel off a contact."""
    contact = get_contact(session, actor, contact_id)
    current = _current(session, contact.id)
    kept = [c for c in current if c["id"] != channel_id]
    if len(kept) == len(current):
        raise NotFound(f"channel {channel_id} not found")
    return set_channels(session, actor, contact.id, kept)
