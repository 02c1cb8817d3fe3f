"""Download links: a user asks for a short-lived link to a file they may see; using it checks again.

The browser fetches the file over plain HTTP (streamed from disk), not through the websocket. The
link carries no session: it is signed with the server's own secret, made once at random and kept in
the files folder every backend shares, and it names the user, so the download re-reads the file as
that user: whoever has lost the record, the right or the account since gets 'not found'.
"""

from __future__ import annotations

import os
import secrets
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.errors import NotFound
from rxcrm.domain.records.download_links import (
    GONE,
    LIFETIME_S,
    MIN_SECRET_BYTES,
    DownloadGrant,
    open_link,
    seal_link,
)
from rxcrm.services.commerce.file_store import files_root, stored_path
from rxcrm.services.people.field_visibility import VIEWER
from rxcrm.services.records import files
from rxcrm.settings import deployment

SECRET_FILE = Path(".keys") / "download-links.key"


@dataclass(frozen=True)
class StoredDownload:
    """A file ready to stream: the name it is saved under, its type and where it is on disk."""

    filename: str
    content_type: str
    path: Path


@dataclass(frozen=True)
class DownloadLink:
    """Where the browser fetches a file (a path under the API) and the name it is saved under."""

    path: str
    filename: str


def _attachment(session: Session, user: User, item_id: int) -> StoredDownload:
    attachment = files.get_file(session, user, item_id)
    return StoredDownload(attachment.filename, attachment.content_type, stored_path(attachment.storage_key))


# What each kind of link names, read as the user (hidden or missing: NotFound).
SOURCES: dict[str, Callable[[Session, User, int], StoredDownload]] = {"attachment": _attachment}


def link_secret() -> bytes:
    """The server's secret for download links, made at random the first time (`<files>/.keys/`)."""
    path = files_root() / SECRET_FILE
    if not path.exists():
        _make_secret(path)
    secret = bytes.fromhex(path.read_text().strip())
    if len(secret) < MIN_SECRET_BYTES:
        raise RuntimeError(f"{path} holds no usable secret; delete it and a new one is made")
    return secret


def _make_secret(path: Path) -> None:
    """Write a new secret readable by the server's user only; a backend that was faster wins."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    partial = path.with_name(f"{path.name}.{uuid.uuid4().hex}.part")
    handle = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(handle, secrets.token_hex(MIN_SECRET_BYTES).encode())
    finally:
        os.close(handle)
    try:
        os.link(partial, path)
    except FileExistsError:
        pass
    finally:
        partial.unlink()


def download_link(
    session: Session, actor: User, kind: str, item_id: int, now: float | None = None
) -> DownloadLink:
    """A link to a file the user may see now, working for LIFETIME_S seconds and for this user only."""
    found = SOURCES[kind](session, actor, item_id)
    moment = time.time() if now is None else now
    grant = DownloadGrant(kind, int(item_id), actor.id, int(moment) + LIFETIME_S)
    return DownloadLink(
        f"{deployment().api_prefix}/downloads/{seal_link(link_secret(), grant)}", found.filename
    )


def open_download(session: Session, token: str, now: float | None = None) -> StoredDownload:
    """The file a link names, if it is unaltered and unexpired and its user (still active) may see it."""
    grant = open_link(link_secret(), token, time.time() if now is None else now)
    user = session.get(User, grant.user_id)
    if user is None or not user.active:
        raise NotFound(GONE)
    session.info[VIEWER] = user
    try:
        return SOURCES[grant.kind](session, user, grant.item_id)
    except NotFound:
        raise NotFound(f"{grant.kind} {grant.item_id} not found") from None
