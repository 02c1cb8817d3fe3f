"""A real SMTP server on 127.0.0.1 for the e-mail tests (aiosmtpd), and rxcrm pointed at it."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.settings import deployment
from tests.conftest import make_account, make_contact, make_opportunity
from tests.network import free_port as free_port  # shared; importers name it here too
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


@contextmanager
def smtp_server(port: int, **options: object) -> Iterator[Inbox]:
    """An SMTP server on 127.0.0.1:port while the block runs (`options`: aiosmtpd's, e.g. a login)."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield inbox
    finally:
        controller.stop()


class Tls:
    """A certificate for 127.0.0.1 from a CA made for the test (trustme), and where that CA's PEM is."""

    def __init__(self, folder: Path) -> None:
        import trustme

        self.ca = trustme.CA()
        self.certificate = self.ca.issue_cert("127.0.0.1", "localhost")
        self.ca_file = folder / "test-ca.pem"
        self.ca.cert_pem.write_to_path(str(self.ca_file))

    def server_context(self) -> ssl.SSLContext:
        """What the server presents on STARTTLS."""
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.certificate.configure_cert(context)
        return context


class Accounts:
    """aiosmtpd's authenticator: one user and password are accepted, every attempt is kept."""

    def __init__(self, user: str, password: str) -> None:
        self.user, self.password = user, password
        self.attempts: list[tuple[str, str]] = []

    def __call__(self, server, session, envelope, mechanism, auth_data) -> AuthResult:  # noqa: ANN001
        """Accept the one known login."""
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        login, password = auth_data.login.decode(), auth_data.password.decode()
        self.attempts.append((login, password))
        return AuthResult(success=(login, password) == (self.user, self.password), handled=False)


def starttls_server(port: int, tls: Tls, accounts: Accounts | None = None) -> AbstractContextManager[Inbox]:
    """An SMTP server on 127.0.0.1:port that accepts mail only after STARTTLS (and a login, if given)."""
    options = {"authenticator": accounts, "auth_required": True} if accounts else {}
    return smtp_server(port, tls_context=tls.server_context(), require_starttls=True, **options)


def login_server(port: int, accounts: Accounts) -> AbstractContextManager[Inbox]:
    """An SMTP server on 127.0.0.1:port that takes mail only after a login (plain, for a local relay)."""
    return smtp_server(port, authenticator=accounts, auth_required=True, auth_require_tls=False)


def message_from_deal(session: Session, owner: User) -> dict:
    """A short message from a new deal of `owner` to its contact jana@example.com (committed)."""
    contact = make_contact(
        session, first_name="Jana", email="jana@example.com", account_id=make_account(session).id
    )
    deal = make_opportunity(session, owner, contact_id=contact.id)
    session.commit()
    return {
        "entity": "opportunity",
        "entity_id": deal.id,
        "contact_id": contact.id,
        "subject": "S",
        "body": "B",
    }


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
