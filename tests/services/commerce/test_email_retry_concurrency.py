"""Retries of one failed e-mail at the same moment hand it on once (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxcrm.db.models import Email
from rxcrm.db.session import unit_of_work
from rxcrm.domain.errors import Conflict
from rxcrm.services.commerce.email_sending import deliver_email, retry_email, send_email
from rxcrm.services.people.auth import log_in
from tests.concurrency import run_at_once
from tests.conftest import make_user
from tests.services.commerce.mail_server import free_port, message_from_deal, smtp_server, use_smtp

THREADS = 4
ROUNDS = 3

pytestmark = pytest.mark.usefixtures("mail_files")


def _failed_emails(engine: Engine, monkeypatch: pytest.MonkeyPatch, port: int) -> tuple[list[str], list[int]]:
    """E-mails that failed because the server was down, and one session token per thread."""
    with Session(engine, expire_on_commit=False) as session:
        rep = make_user(session)
        data = message_from_deal(session, rep)
        tokens = [log_in(session, rep.email, "secret-password")[0] for _ in range(THREADS)]
        session.commit()
    use_smtp(monkeypatch, port)
    opener = lambda: unit_of_work(engine)  # noqa: E731
    failed = [send_email(tokens[0], {**data, "subject": f"S{n}"}, opener) for n in range(ROUNDS)]
    assert {e.status for e in failed} == {"failed"}
    return tokens, [e.id for e in failed]


def test_parallel_retries_of_one_failed_email_send_it_once(
    shared_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = free_port()
    tokens, email_ids = _failed_emails(shared_engine, monkeypatch, port)
    for email_id in email_ids:
        outcomes = _retry_at_once(shared_engine, tokens, email_id, port)
        assert sorted(outcomes[:-1]) == ["conflict"] * (THREADS - 1) + ["sent"]
        assert outcomes[-1] == "1 message received"
        with Session(shared_engine) as session:
            assert session.get(Email, email_id).status == "sent"


def _retry_at_once(engine: Engine, tokens: list[str], email_id: int, port: int) -> list[str]:
    """Each thread retries the e-mail at the same moment; what each got, then what the server received."""
    outcomes: list[str] = []

    def client(number: int, wait_for_start: Callable[[], object]) -> None:
        wait_for_start()
        try:
            outcomes.append(retry_email(tokens[number], email_id, lambda: unit_of_work(engine)).status)
        except Conflict:
            outcomes.append("conflict")

    with smtp_server(port) as inbox:
        assert run_at_once(THREADS, client) == []
    return [*outcomes, f"{len(inbox.messages)} message received"]


def test_parallel_deliveries_of_one_queued_email_hand_it_on_once(
    shared_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = free_port()
    _, [email_id, *_] = _failed_emails(shared_engine, monkeypatch, port)
    statuses: list[str] = []

    def client(number: int, wait_for_start: Callable[[], object]) -> None:
        wait_for_start()
        statuses.append(deliver_email(email_id, lambda: unit_of_work(shared_engine)).status)

    with smtp_server(port) as inbox:
        assert run_at_once(THREADS, client) == []
    assert len(inbox.messages) == 1 and statuses.count("sent") >= 1
    assert set(statuses) <= {"sent", "sending"}
