"""Download links: the token opens only unaltered, unexpired and with the secret it was signed with."""

from __future__ import annotations

import base64
import struct

import pytest

from rxcrm.domain.errors import NotFound
from rxcrm.domain.records.download_links import DownloadGrant, open_link, seal_link

SECRET = bytes(range(32))
NOW = 1_800_000_000
GRANT = DownloadGrant("attachment", 4711, 42, NOW + 60)


def _sealed_bytes(token: str) -> bytes:
    encoded = token.split(".", 1)[1]
    return base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))


def test_a_link_opens_to_the_grant_it_was_made_for_until_it_expires() -> None:
    token = seal_link(SECRET, GRANT)
    assert open_link(SECRET, token, NOW) == GRANT
    assert open_link(SECRET, token, NOW + 59.9) == GRANT
    for later in (NOW + 60, NOW + 3600):
        with pytest.raises(NotFound, match="expired or is not valid"):
            open_link(SECRET, token, later)


def test_a_link_shows_the_file_id_and_nothing_else() -> None:
    token = seal_link(SECRET, GRANT)
    file_id, sealed = token.split(".")
    assert file_id == "4711" and sealed.replace("-", "").replace("_", "").isalnum()
    plain = _sealed_bytes(token)
    for hidden in (struct.pack(">Q", GRANT.user_id), struct.pack(">Q", GRANT.expires_at), b"attachment"):
        assert hidden not in plain
    # a fresh nonce each time: two links to the same file for the same user share nothing but the id
    assert seal_link(SECRET, GRANT).split(".")[1] != sealed


def test_an_altered_link_or_one_signed_with_another_secret_opens_nothing() -> None:
    token = seal_link(SECRET, GRANT)
    file_id, sealed = token.split(".")
    flipped = [sealed[:i] + ("A" if sealed[i] != "A" else "B") + sealed[i + 1 :] for i in range(len(sealed))]
    altered = [
        f"{int(file_id) + 1}.{sealed}",
        f"{file_id}.{sealed}A",
        f"{file_id}.{sealed[:-1]}",
        *(f"{file_id}.{s}" for s in flipped),
    ]
    for bad in [*altered, "", "4711", "4711.", ".abc", "0.abc", "4711.a+b/c", f"{file_id}.{sealed}=="]:
        with pytest.raises(NotFound):
            open_link(SECRET, bad, NOW)
    with pytest.raises(NotFound):
        open_link(bytes(reversed(range(32))), token, NOW)


def test_a_user_cannot_turn_their_link_into_another_users() -> None:
    mine = _sealed_bytes(seal_link(SECRET, GRANT, nonce=bytes(16)))
    # flipping the bits that hold the user id (after the nonce and the kind byte) breaks the signature
    forged = bytearray(mine)
    forged[16 + 1 + 7] ^= 42 ^ 7
    token = f"4711.{base64.urlsafe_b64encode(bytes(forged)).decode().rstrip('=')}"
    with pytest.raises(NotFound):
        open_link(SECRET, token, NOW)


def test_a_short_secret_is_refused() -> None:
    with pytest.raises(ValueError, match="too short"):
        seal_link(b"short", GRANT)
