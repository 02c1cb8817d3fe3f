"""An e-mail whose sending stopped half-way is never stuck: a stale claim may be retried, a live one not."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxcrm.db.models import Email
from rxcrm.db.session import unit_of_work
from rxcrm.db.types import utcnow
from rxcrm.domain.commerce.email import STALE_CLAIM, STOPPED, may_retry, shown_status
from rxcrm.domain.errors import Conflict
from rxcrm.services.commerce import email_sending
from rxcrm.services.commerce.email_sending import retry_email, send_email
from rxcrm.services.people.auth import log_in
from rxcrm.ui.commerce.settings_email_state import _log_row
from tests.conftest import make_user
from tests.services.commerce.mail_server import free_port, message_from_deal, smtp_server, use_smtp

pytestmark = pytest.mark.usefixtures("mail_files")
NOW = utcnow()


def test_only_queued_failed_or_long_stopped_emails_may_be_sent_again() -> None:
    long_ago, just_now = NOW - STALE_CLAIM - timedelta(seconds=1), NOW - timedelta(minutes=1)
    assert may_retry("failed", None, NOW) and may_retry("queued", None, NOW)
    assert may_retry("sending", long_ago, NOW)
    assert not may_retry("sending", just_now, NOW)
    assert not may_retry("sent", long_ago, NOW) and not may_retry("outbox", long_ago, NOW)
    assert shown_status("sending", long_ago, NOW) == ("failed", STOPPED)
    assert shown_status("sending", just_now, NOW) == ("sending", None)


def _sending_email(engine: Engine, monkeypatch: pytest.MonkeyPatch, port: int, claimed_ago: timedelta):
    """An e-mail left 'sending' by a process that stopped `claimed_ago`, and its author's token."""
    with Session(engine, expire_on_commit=False) as session:
        rep = make_user(session)
        data = message_from_deal(session, rep)
        token = log_in(session, rep.email, "secret-password")[0]
        session.commit()
    use_smtp(monkeypatch, port)
    email = send_email(token, data, lambda: unit_of_work(engine))
    with Session(engine, expire_on_commit=False) as session:
        stuck = session.get(Email, email.id)
        stuck.status, stuck.claimed_at = "sending", utcnow() - claimed_ago
        session.add(stuck)
        session.commit()
    return token, stuck


def test_an_email_stopped_long_ago_reads_as_failed_and_is_sent_on_retry(
    shared_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = free_port()
    token, stuck = _sending_email(shared_engine, monkeypatch, port, STALE_CLAIM + timedelta(minutes=1))
    assert _log_row(stuck, utcnow())["status"] == "failed"
    assert "may or may not have gone out" in _log_row(stuck, utcnow())["error"]
    with smtp_server(port) as inbox:
        assert retry_email(token, stuck.id, lambda: unit_of_work(shared_engine)).status == "sent"
    assert len(inbox.messages) == 1


def test_an_email_being_sent_right_now_is_not_sent_twice(
    shared_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = free_port()
    token, stuck = _sending_email(shared_engine, monkeypatch, port, timedelta(minutes=1))
    assert _log_row(stuck, utcnow())["status"] == "sending"
    with smtp_server(port) as inbox, pytest.raises(Conflict):
        retry_email(token, stuck.id, lambda: unit_of_work(shared_engine))
    assert inbox.messages == []


def test_an_unforeseen_error_while_sending_leaves_the_email_failed_not_sending(
    shared_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = free_port()
    token, stuck = _sending_email(shared_engine, monkeypatch, port, STALE_CLAIM + timedelta(minutes=1))

    def broken(outgoing: object, server: object) -> str:
        raise RuntimeError("a bug in the mail library")

    monkeypatch.setattr(email_sending, "hand_on", broken)
    with pytest.raises(RuntimeError):
        retry_email(token, stuck.id, lambda: unit_of_work(shared_engine))
    with Session(shared_engine) as session:
        after = session.get(Email, stuck.id)
        assert (after.status, after.error) == ("failed", STOPPED)
