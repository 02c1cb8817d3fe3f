"""Fields only some users may set (spec §1.5), the same for the API and the UI.

- `is_private` hides an account from everyone but its creator: only the creator sets or clears it.
- `is_global` shows an account to every partner user: only admins and directors set or clear it.
- `partner_id` decides which partner's users see a record: partner users never change it and create
  records for their own partner only.
A refusal is `Forbidden` naming the field; a value sent unchanged is never refused (forms send all fields).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from rxcrm.domain.errors import Forbidden
from rxcrm.domain.people.access import PARTNER, access_scope

GLOBAL_SETTERS = ("admin", "director")
PRIVATE_REFUSAL = "only the account's creator may make it private or public again"
GLOBAL_REFUSAL = "only admins and directors may make an account global or not global"
PARTNER_REFUSAL = "partner users cannot move records to another partner"


class Acting(Protocol):
    """What the rules need to know about the acting user."""

    id: int | None
    role: str
    access_level: str
    partner_id: int | None


def may_set_global(actor: Acting) -> bool:
    """Whether the user may make accounts global or take that back."""
    return actor.role in GLOBAL_SETTERS


def may_set_private(actor: Acting, creator_id: int | None) -> bool:
    """Whether the user may make an account with this creator private or public (its creator only)."""
    return actor.id is not None and creator_id == actor.id


def is_partner_user(actor: Acting) -> bool:
    """Whether the user works in a partner's scope."""
    return access_scope(actor.role, actor.access_level, actor.partner_id) == PARTNER


def check_account_flags(actor: Acting, data: Mapping[str, Any], current: Any | None) -> None:
    """Refuse a change of `is_private` or `is_global` the user may not make (`current` None: creating)."""
    refused: dict[str, str] = {}
    creator = current.created_by_id if current is not None else actor.id
    if _changes(data, "is_private", current) and not may_set_private(actor, creator):
        refused["is_private"] = PRIVATE_REFUSAL
    if _changes(data, "is_global", current) and not may_set_global(actor):
        refused["is_global"] = GLOBAL_REFUSAL
    if refused:
        field, reason = next(iter(refused.items()))
        raise Forbidden(f"{field}: {reason}.", refused)


def _changes(data: Mapping[str, Any], flag: str, current: Any | None) -> bool:
    if flag not in data:
        return False
    before = bool(getattr(current, flag)) if current is not None else False
    return bool(data[flag]) != before


def partner_field(actor: Acting, data: Mapping[str, Any], current: Any | None) -> dict[str, Any]:
    """The form with a partner user's own partner filled in on create; refuses any other partner."""
    values = dict(data)
    if not is_partner_user(actor):
        return values
    if current is None:
        values.setdefault("partner_id", actor.partner_id)
        allowed = actor.partner_id
    else:
        allowed = current.partner_id
    if "partner_id" in values and values["partner_id"] != allowed:
        raise Forbidden(f"partner_id: {PARTNER_REFUSAL}.", {"partner_id": PARTNER_REFUSAL})
    return values
