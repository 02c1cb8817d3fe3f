"""The mail server in admin Settings: saved, checked, never shown with its password; the environment wins."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxcrm.db.models import Change, User
from rxcrm.db.session import unit_of_work
from rxcrm.domain.errors import Forbidden, ValidationFailed
from rxcrm.services.commerce.email_sending import send_email
from rxcrm.services.commerce.smtp_settings import (
    NO_SERVER,
    send_test_email,
    smtp_settings,
    update_smtp_settings,
)
from rxcrm.services.people.auth import log_in
from rxcrm.services.settings.toggles import settings_for
from tests.services.commerce.mail_server import free_port, message_from_deal, smtp_server, use_smtp

pytestmark = pytest.mark.usefixtures("mail_files")
SAVED = {
    "host": "127.0.0.1",
    "starttls": False,
    "user": "",
    "password": "",
    "sender": "crm@example.com",
}


def _token(session: Session, user: User) -> str:
    token, _ = log_in(session, user.email, "secret-password")
    session.commit()
    return token


def _save(session: Session, admin: User, changes: dict) -> dict:
    answer = update_smtp_settings(session, admin, changes)
    session.commit()
    return answer


def test_saved_settings_never_show_the_password_and_a_left_out_field_keeps_its_value(
    session: Session, admin: User
) -> None:
    assert smtp_settings(session, admin)["source"] == "outbox"
    answer = _save(
        session, admin, {"host": " mail.example.com ", "port": 2525, "user": "u", "password": "pw!"}
    )
    assert answer == {
        "host": "mail.example.com",
        "port": 2525,
        "starttls": True,
        "user": "u",
        "sender": None,
        "password_set": True,
        "source": "settings",
        "host_in_effect": "mail.example.com",
    }
    assert "pw!" not in repr(settings_for(session, admin)) and "password" not in settings_for(session, admin)
    assert _save(session, admin, {"port": 25})["password_set"] is True
    assert _save(session, admin, {"password": None})["password_set"] is False
    changes = session.exec(
        select(Change.field, Change.old, Change.new).where(Change.entity == "settings")
    ).all()
    assert ("smtp_host", None, "mail.example.com") in changes and ("smtp_port", "2525", "25") in changes
    assert not any("pw!" in str(c) for c in changes)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"host": "h", "port": 0}, "port", "must be a port number from 1 to 65535"),
        ({"host": "h", "port": 65536}, "port", "must be a port number from 1 to 65535"),
        ({"host": "h", "port": "25a"}, "port", "must be a port number from 1 to 65535"),
        ({"user": "u", "password": "p"}, "host", "is required when a user, password or sender is set"),
        ({"host": "h", "sender": "not an address"}, "sender", "is not a valid e-mail address"),
        ({"host": "h", "password": "p"}, "user", "is required with a password"),
        ({"host": "h", "starttls": "yes"}, "starttls", "must be true or false"),
        (
            {"host": "smtp://mail.example.com:25"},
            "host",
            "must be a host name or an IP address (no scheme, port or spaces)",
        ),
    ],
)
def test_bad_settings_are_refused_naming_the_field_and_nothing_is_saved(
    session: Session, admin: User, changes: dict, field: str, message: str
) -> None:
    with pytest.raises(ValidationFailed) as refused:
        update_smtp_settings(session, admin, changes)
    assert refused.value.fields[field] == message
    session.rollback()
    assert smtp_settings(session, admin)["host"] is None


def test_only_an_admin_reads_changes_or_tests_the_mail_server(
    session: Session, engine: Engine, rep: User
) -> None:
    for call in (
        lambda: smtp_settings(session, rep),
        lambda: update_smtp_settings(session, rep, {"host": "h"}),
    ):
        with pytest.raises(Forbidden):
            call()
    with pytest.raises(Forbidden):
        send_test_email(_token(session, rep), lambda: unit_of_work(engine))


def test_email_goes_through_the_saved_server_with_its_sender(
    session: Session, engine: Engine, admin: User, rep: User
) -> None:
    port = free_port()
    _save(session, admin, {**SAVED, "port": port})
    data = message_from_deal(session, rep)
    with smtp_server(port) as inbox:
        email = send_email(_token(session, rep), data, lambda: unit_of_work(engine))
    assert email.status == "sent"
    [message] = inbox.messages
    assert message["From"].addresses[0].addr_spec == "crm@example.com"


def test_the_environment_wins_over_the_saved_server(
    session: Session, engine: Engine, admin: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved_port, environment_port = free_port(), free_port()
    _save(session, admin, {**SAVED, "port": saved_port})
    use_smtp(monkeypatch, environment_port)
    answer = smtp_settings(session, admin)
    assert (answer["source"], answer["port"]) == ("environment", saved_port)
    with smtp_server(saved_port) as saved, smtp_server(environment_port) as environment:
        result = send_test_email(_token(session, admin), lambda: unit_of_work(engine))
    assert result == {"to": admin.email, "status": "sent", "error": ""}
    assert saved.messages == [] and [m["Subject"] for m in environment.messages] == ["rxcrm test e-mail"]
    assert environment.recipients == [[admin.email]]


def test_the_test_email_reports_a_failure_readably_and_needs_a_server(
    session: Session, engine: Engine, admin: User
) -> None:
    token = _token(session, admin)
    nothing = send_test_email(token, lambda: unit_of_work(engine))
    assert nothing == {"to": admin.email, "status": "failed", "error": NO_SERVER}
    _save(session, admin, {**SAVED, "port": free_port()})  # nothing listens there
    result = send_test_email(token, lambda: unit_of_work(engine))
    assert result["status"] == "failed" and result["error"].startswith("The mail server cannot be reached")
