"""Short-lived download links: a token naming a stored file, bound to the user it was made for.

A token is `<file id>.<sealed>`. Only the id can be read: the kind of file, the user and the expiry
are enciphered with a key stream from HMAC-SHA256 over a random nonce, and the id with the sealed
part is signed (encrypt, then MAC), so a link in a log shows the id and nothing else, and any change
to it makes it worthless.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
import secrets
import struct
from dataclasses import dataclass

from rxcrm.domain.errors import NotFound

KINDS = ("attachment",)  # a new kind goes at the end: tokens store its position
LIFETIME_S = 60
MIN_SECRET_BYTES = 32
NONCE_BYTES = 16
TAG_BYTES = 16
_BODY = struct.Struct(">BQQ")  # kind, user id, expiry in Unix seconds
_SEALED_BYTES = NONCE_BYTES + _BODY.size + TAG_BYTES
_TOKEN = re.compile(r"^([1-9][0-9]{0,18})\.([A-Za-z0-9_-]{1,100})$")
GONE = "This download link has expired or is not valid; start the download again from the record's page."


@dataclass(frozen=True)
class DownloadGrant:
    """Who may fetch which stored file until when (Unix seconds)."""

    kind: str
    item_id: int
    user_id: int
    expires_at: int


def _subkey(secret: bytes, purpose: bytes) -> bytes:
    if len(secret) < MIN_SECRET_BYTES:
        raise ValueError("the download link secret is too short")
    return hmac.new(secret, b"rxcrm download link " + purpose, hashlib.sha256).digest()


def _cipher(secret: bytes, nonce: bytes, data: bytes) -> bytes:
    stream = hmac.new(_subkey(secret, b"seal"), nonce, hashlib.sha256).digest()
    return bytes(a ^ b for a, b in zip(data, stream, strict=False))


def _tag(secret: bytes, item_id: int, sealed: bytes) -> bytes:
    signed = str(item_id).encode() + b"." + sealed
    return hmac.new(_subkey(secret, b"sign"), signed, hashlib.sha256).digest()[:TAG_BYTES]


def seal_link(secret: bytes, grant: DownloadGrant, nonce: bytes | None = None) -> str:
    """The token of a grant: readable id, sealed kind, user and expiry, signed with the server's secret."""
    nonce = nonce if nonce is not None else secrets.token_bytes(NONCE_BYTES)
    body = _BODY.pack(KINDS.index(grant.kind), grant.user_id, grant.expires_at)
    sealed = nonce + _cipher(secret, nonce, body)
    blob = sealed + _tag(secret, grant.item_id, sealed)
    return f"{grant.item_id}.{_text(blob)}"


def _text(blob: bytes) -> str:
    return base64.urlsafe_b64encode(blob).decode().rstrip("=")


def open_link(secret: bytes, token: str, now: float) -> DownloadGrant:
    """The grant a token carries; NotFound when it is malformed, altered, signed by another key or expired."""
    match = _TOKEN.match(token or "")
    if match is None:
        raise NotFound(GONE)
    item_id, encoded = int(match[1]), match[2]
    try:
        blob = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
    except (binascii.Error, ValueError):
        raise NotFound(GONE) from None
    if len(blob) != _SEALED_BYTES or _text(blob) != encoded:  # one spelling per token
        raise NotFound(GONE)
    sealed, tag = blob[:-TAG_BYTES], blob[-TAG_BYTES:]
    if not hmac.compare_digest(tag, _tag(secret, item_id, sealed)):
        raise NotFound(GONE)
    kind, user_id, expires_at = _BODY.unpack(_cipher(secret, sealed[:NONCE_BYTES], sealed[NONCE_BYTES:]))
    if kind >= len(KINDS) or expires_at <= now:
        raise NotFound(GONE)
    return DownloadGrant(KINDS[kind], item_id, user_id, expires_at)
