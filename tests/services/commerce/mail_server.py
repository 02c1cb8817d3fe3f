"""A real SMTP server on 127.0.0.1 for the e-mail tests (aiosmtpd), and rxcrm pointed at it."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from rxcrm.settings import deployment
from tests.services.commerce.document_rows import use_files_dir


class Inbox:
    """What the server received: each message parsed, with its envelope recipients."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.recipients: list[list[str]] = []

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: ANN001, N802 (aiosmtpd's hook)
        """Keep the message."""
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        self.recipients.append(list(envelope.rcpt_tos))
        return "250 Message accepted for delivery"


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def smtp_server(port: int) -> Iterator[Inbox]:
    """An SMTP server on 127.0.0.1:port while the block runs."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox
    finally:
        controller.stop()


def use_smtp(monkeypatch: pytest.MonkeyPatch, port: int) -> None:
    """Configure rxcrm to send through 127.0.0.1:port (no STARTTLS, no login)."""
    monkeypatch.setenv("RXCRM_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("RXCRM_SMTP_PORT", str(port))
    monkeypatch.setenv("RXCRM_SMTP_STARTTLS", "0")
    monkeypatch.setenv("RXCRM_SMTP_FROM", "crm@example.com")
    deployment.cache_clear()


def no_smtp(monkeypatch: pytest.MonkeyPatch) -> None:
    """No SMTP server configured: e-mail goes to the outbox folder."""
    monkeypatch.delenv("RXCRM_SMTP_HOST", raising=False)
    deployment.cache_clear()


@pytest.fixture
def mail_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The test's own file folder (and outbox), no SMTP server; the settings are read afresh after it."""
    folder = use_files_dir(tmp_path, monkeypatch)
    no_smtp(monkeypatch)
    yield folder
    deployment.cache_clear()
