"""Owners of contacts and their opportunities (spec §1.2) and the second manager (§1.4)."""

from __future__ import annotations

from rxcrm.domain.errors import ValidationFailed

DECOUPLED = "decouple_contact_opportunity_owners"
FOLLOW_CONTACT = "update_contact_followers_on_opportunity_owner_change"
FOLLOW_OPPORTUNITIES = "update_opportunity_followers_on_contact_owner_change"
SECOND_MANAGER = "second_account_manager"
COUPLED_OWNER_MESSAGE = (
    "The opportunity owner always follows its contact's owner. An admin can allow different owners "
    "in Settings → Ownership."
)


def new_opportunity_owner(
    decoupled: bool, requested: int | None, contact_owner: int | None, actor: int
) -> int:
    """Owner of a new opportunity: the contact's owner (required while coupled), else the requested user."""
    if contact_owner is not None and not decoupled:
        if requested is not None and requested != contact_owner:
            raise ValidationFailed(COUPLED_OWNER_MESSAGE, {"owner_id": "must be the contact's owner"})
        return contact_owner
    if requested is not None:
        return requested
    return contact_owner if contact_owner is not None else actor


def check_opportunity_owner_change(decoupled: bool, contact_owner: int | None, new_owner: int) -> None:
    """While coupled, an opportunity with a contact cannot get an owner other than that contact's."""
    if not decoupled and contact_owner is not None and new_owner != contact_owner:
        raise ValidationFailed(COUPLED_OWNER_MESSAGE, {"owner_id": "must be the contact's owner"})


def opportunities_follow_contact_owner(decoupled: bool) -> bool:
    """Whether a contact's new owner becomes the owner of its open opportunities."""
    return not decoupled


def second_manager_problem(enabled: bool, second_owner_id: int | None) -> str | None:
    """Why a second manager cannot be named, or None: only while the setting is On."""
    if second_owner_id is not None and not enabled:
        return "second managers are switched off (an admin can enable them in Settings → Ownership)"
    return None


def opportunity_owner_editable(decoupled: bool, contact_owner: int | None) -> bool:
    """The owner field is read-only while coupled to a contact that has an owner."""
    return decoupled or contact_owner is None
