"""Deployment settings read once from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Deployment:
    """Where the data lives and how the app is served."""

    database_url: str
    redis_url: str | None
    api_prefix: str = "/api/v1"
    files_dir: str = "files"


def _sqlite_default() -> str:
    return f"sqlite:///{os.path.abspath('crm.db')}"


@cache
def deployment() -> Deployment:
    """Read RXCRM_DATABASE_URL (SQLite file crm.db by default), REFLEX_REDIS_URL and RXCRM_FILES_DIR."""
    url = os.environ.get("RXCRM_DATABASE_URL", "").strip() or _sqlite_default()
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    if not (url.startswith("sqlite") or url.startswith("postgresql")):
        raise ValueError("RXCRM_DATABASE_URL must be a sqlite:/// or postgresql+psycopg:// URL")
    files = os.path.abspath(os.environ.get("RXCRM_FILES_DIR", "").strip() or "files")
    return Deployment(database_url=url, redis_url=os.environ.get("REFLEX_REDIS_URL") or None, files_dir=files)
