"""Files on disk (quote templates, attachments) under RXCRM_FILES_DIR, addressed by a random key.

A key is `ab/cd/<uuid hex><suffix>`, made here and never taken from a user, so no request can reach
a path outside the folder. Files shipped with the app are read through `asset:<name>` keys.
A file written during a unit of work is removed again if that unit rolls back; a file deleted
during a unit is removed only once the unit commits.
"""

from __future__ import annotations

import os
import re
import uuid
from pathlib import Path

from sqlalchemy import event
from sqlmodel import Session

from rxcrm.domain.errors import NotFound
from rxcrm.settings import deployment

ASSETS = Path(__file__).resolve().parents[3] / "assets" / "quote_templates"
ASSET_PREFIX = "asset:"
KEY = re.compile(r"^[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{32}(\.[a-z0-9]{1,8})?$")
ASSET_NAME = re.compile(r"^[A-Za-z0-9_-]+\.[a-z0-9]{1,8}$")
WRITTEN = "rxcrm_files_written"
DISCARDED = "rxcrm_files_discarded"


def files_root() -> Path:
    """The folder files are kept in (RXCRM_FILES_DIR, default `files/` in the working folder)."""
    return Path(deployment().files_dir)


def _path(key: str) -> Path:
    if key.startswith(ASSET_PREFIX):
        name = key.removeprefix(ASSET_PREFIX)
        if not ASSET_NAME.match(name):
            raise NotFound("file not found")
        return ASSETS / name
    if not KEY.match(key):
        raise NotFound("file not found")
    return files_root() / key


def write_file(data: bytes, suffix: str = "") -> str:
    """Store bytes under a new random key and return the key."""
    if suffix and not re.fullmatch(r"\.[a-z0-9]{1,8}", suffix):
        raise ValueError(f"unusable file suffix {suffix!r}")
    name = uuid.uuid4().hex
    key = f"{name[:2]}/{name[2:4]}/{name}{suffix}"
    path = files_root() / key
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    partial.write_bytes(data)
    os.replace(partial, path)
    return key


def read_file(key: str) -> bytes:
    """The bytes stored under a key (NotFound when the file is gone)."""
    try:
        return _path(key).read_bytes()
    except FileNotFoundError:
        raise NotFound("the file is missing from the file store") from None


def stored_path(key: str) -> Path:
    """Where the file under a key is on disk, to stream it (NotFound when the file is gone)."""
    path = _path(key)
    if not path.is_file():
        raise NotFound("the file is missing from the file store")
    return path


def delete_file(key: str) -> None:
    """Remove a stored file now (shipped assets are never removed)."""
    if key.startswith(ASSET_PREFIX):
        return
    _path(key).unlink(missing_ok=True)


def write_in_unit(session: Session, data: bytes, suffix: str = "") -> str:
    """Store bytes for a record written in this unit of work; removed again if the unit rolls back."""
    key = write_file(data, suffix)
    session.info.setdefault(WRITTEN, []).append(key)
    return key


def delete_after_commit(session: Session, key: str) -> None:
    """Remove a file once this unit of work commits (kept if it rolls back)."""
    session.info.setdefault(DISCARDED, []).append(key)


@event.listens_for(Session, "after_commit")
def _committed(session: Session) -> None:
    session.info.pop(WRITTEN, None)
    for key in session.info.pop(DISCARDED, []):
        delete_file(key)


@event.listens_for(Session, "after_soft_rollback")
def _rolled_back(session: Session, previous_transaction) -> None:  # noqa: ANN001
    if previous_transaction.parent is not None:
        return
    session.info.pop(DISCARDED, None)
    for key in session.info.pop(WRITTEN, []):
        delete_file(key)
