"""Deployment settings read once from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cache


@dataclass(frozen=True)
class Deployment:
    """Where the data lives and how the app is served."""

    database_url: str
    redis_url: str | None
    api_prefix: str = "/api/v1"
    files_dir: str = "files"
    max_upload_mb: int = 25
    smtp: SmtpServer | None = None
    smtp_ca_file: str = ""


@dataclass(frozen=True)
class SmtpServer:
    """Where e-mail is handed on (RXCRM_SMTP_*); without a host, e-mail goes to the local outbox folder."""

    host: str
    port: int = 587
    starttls: bool = True
    user: str = ""
    password: str = field(default="", repr=False)
    sender: str = "crm@localhost"
    ca_file: str = ""


def _smtp() -> SmtpServer | None:
    """RXCRM_SMTP_HOST, _PORT (587), _STARTTLS (1/0), _USER, _PASSWORD, _FROM; None without a host."""
    host = os.environ.get("RXCRM_SMTP_HOST", "").strip()
    if not host:
        return None
    port = os.environ.get("RXCRM_SMTP_PORT", "").strip() or "587"
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError("RXCRM_SMTP_PORT must be a port number")
    return SmtpServer(
        host=host,
        port=int(port),
        starttls=os.environ.get("RXCRM_SMTP_STARTTLS", "1").strip().lower()
        not in ("0", "false", "no", "off"),
        user=os.environ.get("RXCRM_SMTP_USER", "").strip(),
        password=os.environ.get("RXCRM_SMTP_PASSWORD", ""),
        sender=os.environ.get("RXCRM_SMTP_FROM", "").strip() or "crm@localhost",
        ca_file=_smtp_ca_file(),
    )


def _smtp_ca_file() -> str:
    """RXCRM_SMTP_CA_FILE: the CA certificates (PEM) a mail server's certificate is checked against."""
    path = os.environ.get("RXCRM_SMTP_CA_FILE", "").strip()
    if path and not os.path.isfile(path):
        raise ValueError(f"RXCRM_SMTP_CA_FILE names no file: {path}")
    return os.path.abspath(path) if path else ""


def _max_upload_mb() -> int:
    """RXCRM_MAX_UPLOAD_MB: the largest file a user may attach to a record (default 25)."""
    value = os.environ.get("RXCRM_MAX_UPLOAD_MB", "").strip() or "25"
    if not value.isdigit() or not 0 < int(value) <= 2048:
        raise ValueError("RXCRM_MAX_UPLOAD_MB must be a whole number of megabytes from 1 to 2048")
    return int(value)


def _sqlite_default() -> str:
    return f"sqlite:///{os.path.abspath('crm.db')}"


@cache
def deployment() -> Deployment:
    """Read RXCRM_DATABASE_URL (default: SQLite crm.db), REFLEX_REDIS_URL, RXCRM_FILES_DIR, RXCRM_SMTP_*."""
    url = os.environ.get("RXCRM_DATABASE_URL", "").strip() or _sqlite_default()
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    if not (url.startswith("sqlite") or url.startswith("postgresql")):
        raise ValueError("RXCRM_DATABASE_URL must be a sqlite:/// or postgresql+psycopg:// URL")
    files = os.path.abspath(os.environ.get("RXCRM_FILES_DIR", "").strip() or "files")
    return Deployment(
        database_url=url,
        redis_url=os.environ.get("REFLEX_REDIS_URL") or None,
        files_dir=files,
        smtp=_smtp(),
        smtp_ca_file=_smtp_ca_file(),
        max_upload_mb=_max_upload_mb(),
    )
