"""Refusing reads of configuration a user's role may not see (the rules are in `domain/people/reads.py`)."""

from __future__ import annotations

from rxcrm.db.models import User
from rxcrm.domain.errors import Forbidden
from rxcrm.domain.people.reads import is_external, may_read, read_refusal


def external(user: User) -> bool:
    """Whether the user works for a partner organisation."""
    return is_external(user.role, user.partner_id)


def require_read(user: User, what: str) -> None:
    """Refuse with a clear message when the user's role may not read this kind of configuration."""
    if not may_read(user.role, user.partner_id, what):
        raise Forbidden(read_refusal(what))
