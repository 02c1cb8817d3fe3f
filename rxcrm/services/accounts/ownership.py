"""Owner cascades between contacts and their opportunities (spec §1.2), driven by the settings."""

from __future__ import annotations

from sqlmodel import Session, select

from rxcrm.db.models import Contact, Opportunity, User
from rxcrm.domain.accounts.ownership import (
    DECOUPLED,
    FOLLOW_CONTACT,
    FOLLOW_OPPORTUNITIES,
    check_opportunity_owner_change,
    new_opportunity_owner,
    opportunities_follow_contact_owner,
    opportunity_owner_editable,
)
from rxcrm.services.records.changes import update_record
from rxcrm.services.records.followers import add_followers
from rxcrm.services.settings.toggles import current_settings


def contact_owner_of(session: Session, contact_id: int | None) -> int | None:
    """The owner of an opportunity's primary contact, if it has one."""
    contact = session.get(Contact, contact_id) if contact_id is not None else None
    return contact.owner_id if contact else None


def owner_for_new_opportunity(
    session: Session, actor: User, requested: int | None, contact_id: int | None
) -> int:
    """Who owns a new opportunity under the current ownership settings."""
    decoupled = current_settings(session)[DECOUPLED]
    return new_opportunity_owner(decoupled, requested, contact_owner_of(session, contact_id), actor.id)


def owner_after_opportunity_edit(session: Session, opportunity: Opportunity, values: dict) -> int | None:
    """The owner an edited opportunity must have; refuses an owner that breaks the coupling."""
    decoupled = current_settings(session)[DECOUPLED]
    contact_id = values.get("contact_id", opportunity.contact_id)
    contact_owner = contact_owner_of(session, contact_id)
    if "owner_id" in values:
        check_opportunity_owner_change(decoupled, contact_owner, values["owner_id"])
        return values["owner_id"]
    if not decoupled and contact_owner is not None and contact_id != opportunity.contact_id:
        return contact_owner
    return None


def after_opportunity_owner_change(session: Session, opportunity: Opportunity) -> None:
    """With the sub-setting On, the new opportunity owner follows the contact."""
    settings = current_settings(session)
    if settings[DECOUPLED] and settings[FOLLOW_CONTACT] and opportunity.contact_id is not None:
        add_followers(session, "contact", opportunity.contact_id, [opportunity.owner_id])


def after_contact_owner_change(session: Session, actor: User, contact: Contact) -> int:
    """Coupled: open opportunities move to the new owner; decoupled: he/she may follow them instead."""
    settings = current_settings(session)
    deals = session.exec(select(Opportunity).where(Opportunity.contact_id == contact.id)).all()
    if opportunities_follow_contact_owner(settings[DECOUPLED]):
        moved = 0
        for deal in deals:
            if deal.status == "open" and contact.owner_id is not None and deal.owner_id != contact.owner_id:
                update_record(session, "opportunity", deal, {"owner_id": contact.owner_id}, actor)
                moved += 1
        return moved
    if settings[FOLLOW_OPPORTUNITIES]:
        for deal in deals:
            add_followers(session, "opportunity", deal.id, [contact.owner_id])
    return 0


def owner_is_editable(session: Session, opportunity: Opportunity) -> bool:
    """Whether the opportunity's owner may be changed by hand under the current settings."""
    decoupled = current_settings(session)[DECOUPLED]
    return opportunity_owner_editable(decoupled, contact_owner_of(session, opportunity.contact_id))
