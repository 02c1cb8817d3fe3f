"""Who may take a user off a record's followers (spec §1.3).

Following can be what gives a limited user access, so removing someone else is not for everyone:
each user may stop following; the record's owner and second manager, admins and directors may also
remove other followers. Anyone else gets 403 naming `user_id`.
"""

from __future__ import annotations

from collections.abc import Iterable

from rxcrm.domain.errors import Forbidden

FOLLOWER_MANAGERS = ("admin", "director")
REFUSAL = "only the user, the record's owners, admins and directors may remove a follower"


def may_remove_follower(
    actor_id: int | None, role: str, follower_id: int, owner_ids: Iterable[int | None]
) -> bool:
    """Whether the user may take `follower_id` off the record's followers."""
    return follower_id == actor_id or role in FOLLOWER_MANAGERS or actor_id in set(owner_ids)


def check_remove_follower(
    actor_id: int | None, role: str, follower_id: int, owner_ids: Iterable[int | None]
) -> None:
    """Refuse removing another follower the user has no say over."""
    if not may_remove_follower(actor_id, role, follower_id, owner_ids):
        raise Forbidden(f"user_id: {REFUSAL}.", {"user_id": REFUSAL})
