"""STARTTLS against a real local server: the certificate is checked, login rides on TLS, nothing in clear."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.db.session import unit_of_work
from rxcrm.services.commerce.email_sending import retry_email, send_email
from rxcrm.services.people.auth import log_in
from rxcrm.settings import deployment
from tests.services.commerce.mail_server import (
    Accounts,
    Tls,
    free_port,
    message_from_deal,
    smtp_server,
    starttls_server,
)

pytestmark = pytest.mark.usefixtures("mail_files")


def _use_starttls(monkeypatch: pytest.MonkeyPatch, port: int, ca_file: Path | None, **extra: str) -> None:
    monkeypatch.setenv("RXCRM_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("RXCRM_SMTP_PORT", str(port))
    monkeypatch.setenv("RXCRM_SMTP_STARTTLS", "1")
    monkeypatch.setenv("RXCRM_SMTP_FROM", "crm@example.com")
    for name, value in extra.items():
        monkeypatch.setenv(f"RXCRM_SMTP_{name}", value)
    if ca_file is None:
        monkeypatch.delenv("RXCRM_SMTP_CA_FILE", raising=False)
    else:
        monkeypatch.setenv("RXCRM_SMTP_CA_FILE", str(ca_file))
    deployment.cache_clear()


def _send(session: Session, engine: Engine, rep: User):  # noqa: ANN202
    data = message_from_deal(session, rep)
    token, _ = log_in(session, rep.email, "secret-password")
    session.commit()
    return token, send_email(token, data, lambda: unit_of_work(engine))


def test_starttls_with_the_ca_given_delivers_the_message(
    session: Session, engine: Engine, rep: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tls, port = Tls(tmp_path), free_port()
    _use_starttls(monkeypatch, port, tls.ca_file)
    with starttls_server(port, tls) as inbox:
        _, email = _send(session, engine, rep)
    assert (email.status, email.error) == ("sent", None)
    assert [m["Subject"] for m in inbox.messages] == ["S"]


def test_an_untrusted_certificate_fails_readably_sends_nothing_and_can_be_retried(
    session: Session, engine: Engine, rep: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tls, port = Tls(tmp_path), free_port()
    _use_starttls(monkeypatch, port, None)  # the system CAs do not know the test's CA
    with starttls_server(port, tls) as inbox:
        token, email = _send(session, engine, rep)
    assert email.status == "failed" and inbox.messages == []
    assert "certificate is not trusted" in email.error and "RXCRM_SMTP_CA_FILE" in email.error
    _use_starttls(monkeypatch, port, tls.ca_file)
    with starttls_server(port, tls) as inbox:
        retried = retry_email(token, email.id, lambda: unit_of_work(engine))
    assert retried.status == "sent" and len(inbox.messages) == 1


def test_a_server_without_starttls_gets_nothing_in_clear(
    session: Session, engine: Engine, rep: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = free_port()
    _use_starttls(monkeypatch, port, Tls(tmp_path).ca_file)
    with smtp_server(port) as inbox:  # a plain server: it offers no STARTTLS
        _, email = _send(session, engine, rep)
    assert email.status == "failed" and "does not offer STARTTLS" in email.error
    assert inbox.messages == []


def test_a_login_over_starttls_is_accepted_and_a_wrong_password_is_named(
    session: Session, engine: Engine, rep: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tls, port = Tls(tmp_path), free_port()
    accounts = Accounts("mailer", "s3cret pass")
    _use_starttls(monkeypatch, port, tls.ca_file, USER="mailer", PASSWORD="wrong")
    with starttls_server(port, tls, accounts) as inbox:
        token, refused = _send(session, engine, rep)
        assert refused.status == "failed" and "refused the login" in refused.error
        assert "wrong" not in refused.error and inbox.messages == []
        _use_starttls(monkeypatch, port, tls.ca_file, USER="mailer", PASSWORD="s3cret pass")
        sent = retry_email(token, refused.id, lambda: unit_of_work(engine))
    assert sent.status == "sent" and len(inbox.messages) == 1
    assert set(accounts.attempts[:-1]) == {("mailer", "wrong")}  # smtplib tries each mechanism offered
    assert accounts.attempts[-1] == ("mailer", "s3cret pass")
