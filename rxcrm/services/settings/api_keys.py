"""API keys for the lead intake endpoint: shown once, stored hashed, revocable."""

from __future__ import annotations

import secrets

from sqlalchemy import Row, bindparam
from sqlmodel import Session, select

from rxcrm.db.models import ApiKey, User
from rxcrm.db.types import utcnow
from rxcrm.domain.errors import Forbidden, NotFound, Unauthorized, ValidationFailed
from rxcrm.services.people.auth import token_digest
from rxcrm.services.people.reads import require_read

KEY_PREFIX = "rxk_"


def create_api_key(session: Session, actor: User | None, name: str) -> tuple[ApiKey, str]:
    """Admin issues a new key (`actor` None is the command line); the clear key is returned once only."""
    if actor is not None and actor.role != "admin":
        raise Forbidden("Only an admin can manage API keys.")
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise ValidationFailed.from_fields({"name": "is required (at most 100 characters)"})
    clear = KEY_PREFIX + secrets.token_urlsafe(32)
    key = ApiKey(
        name=name, prefix=clear[:12], key_hash=token_digest(clear), created_by_id=actor.id if actor else None
    )
    session.add(key)
    session.flush()
    return key, clear


def list_api_keys(session: Session, viewer: User) -> list[ApiKey]:
    """All keys by name, revoked ones included (admins only)."""
    require_read(viewer, "api_keys")
    return list(session.exec(select(ApiKey).order_by(ApiKey.name, ApiKey.id)).all())


def revoke_api_key(session: Session, actor: User, key_id: int) -> ApiKey:
    """Admin stops a key from working."""
    if actor.role != "admin":
        raise Forbidden("Only an admin can manage API keys.")
    key = session.get(ApiKey, key_id)
    if key is None:
        raise NotFound(f"API key {key_id} not found")
    key.revoked_at = key.revoked_at or utcnow()
    session.add(key)
    return key


_KEYS = ApiKey.__table__
_KEY_LOOKUP = select(_KEYS.c.id, _KEYS.c.name, _KEYS.c.key_hash, _KEYS.c.revoked_at).where(
    _KEYS.c.key_hash == bindparam("digest")
)


def key_for_request(session: Session, clear: str | None) -> Row:
    """The active key matching what an integrator sent: its id, name and key_hash (one Core query)."""
    key = session.connection().execute(_KEY_LOOKUP, {"digest": token_digest(clear or "")}).first()
    if key is None or key.revoked_at is not None:
        raise Unauthorized("Invalid or revoked API key.")
    return key
