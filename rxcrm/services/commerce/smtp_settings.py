"""The mail server e-mail goes through: set by the admin in Settings, or by the server's environment.

The environment wins: when RXCRM_SMTP_HOST is set, the RXCRM_SMTP_* variables are in effect and the
values saved in Settings wait until it is unset (what an operator of a self-hosted app expects from
a deployment variable). The password is write-only: no answer ever carries it.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from rxcrm.db.models import Setting, User
from rxcrm.db.session import unit_of_work
from rxcrm.domain.commerce.smtp import DEFAULT_SENDER, merge_smtp, public_smtp
from rxcrm.domain.errors import Forbidden
from rxcrm.domain.records.history import FieldChange, diff_fields
from rxcrm.services.commerce.mail_delivery import Outgoing, delivery_failure, hand_on
from rxcrm.services.records.events import ChangeEvent, publish
from rxcrm.services.settings.toggles import SETTINGS_ENTITY, SETTINGS_RECORD_ID
from rxcrm.services.units import UnitOpener, unit_as
from rxcrm.settings import SmtpServer, deployment

SMTP_KEY = "smtp_server"
ENVIRONMENT, SETTINGS, OUTBOX = "environment", "settings", "outbox"
TEST_SUBJECT = "rxcrm test e-mail"
TEST_BODY = "This message was sent from rxcrm's Settings to check the mail server settings."
NO_SERVER = "No mail server is set up: e-mail is written to the outbox folder, nothing was sent."


def configures_mail_server(actor: User) -> bool:
    """Whether the user sees and changes the mail server settings (admins only)."""
    return actor.role == "admin"


def _admin_only(actor: User) -> None:
    if not configures_mail_server(actor):
        raise Forbidden("Only an administrator sees and changes the mail server settings.")


def _stored(session: Session) -> dict[str, Any]:
    row = session.get(Setting, SMTP_KEY)
    return dict(row.value) if row is not None and isinstance(row.value, dict) else {}


def server_in_effect(session: Session) -> SmtpServer | None:
    """The mail server to use: the environment's, else the one saved in Settings, else None (outbox)."""
    config = deployment()
    if config.smtp is not None:
        return config.smtp
    stored = merge_smtp(_stored(session), {})
    if not stored["host"]:
        return None
    return SmtpServer(
        host=stored["host"],
        port=stored["port"],
        starttls=stored["starttls"],
        user=stored["user"] or "",
        password=stored["password"] or "",
        sender=stored["sender"] or DEFAULT_SENDER,
        ca_file=config.smtp_ca_file,
    )


def _answer(session: Session) -> dict[str, Any]:
    environment = deployment().smtp
    saved = public_smtp(_stored(session))
    source = ENVIRONMENT if environment else (SETTINGS if saved["host"] else OUTBOX)
    in_effect = environment.host if environment else saved["host"]
    return {**saved, "source": source, "host_in_effect": in_effect}


def smtp_settings(session: Session, actor: User) -> dict[str, Any]:
    """The saved settings (the password only as `password_set`) and which source is in effect."""
    _admin_only(actor)
    return _answer(session)


def _history(values: dict[str, Any]) -> dict[str, Any]:
    shown = public_smtp(values)
    return {f"smtp_{key}": value for key, value in shown.items()}


def update_smtp_settings(session: Session, actor: User, changes: dict[str, Any]) -> dict[str, Any]:
    """Save changes to the mail server settings (admins); the history notes a password change, not it."""
    _admin_only(actor)
    before = merge_smtp(_stored(session), {})
    after = merge_smtp(before, changes)
    row = session.get(Setting, SMTP_KEY) or Setting(key=SMTP_KEY)
    row.value = after
    session.add(row)
    diff = tuple(diff_fields(_history(before), _history(after)))
    if before["password"] and after["password"] and before["password"] != after["password"]:
        diff = (*diff, FieldChange("smtp_password", "set", "replaced"))
    if diff:
        publish(session, ChangeEvent(SETTINGS_ENTITY, SETTINGS_RECORD_ID, "update", diff, actor.id))
    session.flush()
    return _answer(session)


def send_test_email(token: str | None, opener: UnitOpener = unit_of_work) -> dict[str, str]:
    """Send a test message to the admin's own address through the server in effect; say how it went.

    Without a mail server the test fails with that reason (the outbox is not a delivery to check).
    """
    with unit_as(token, opener=opener) as (session, actor):
        _admin_only(actor)
        server = server_in_effect(session)
        outgoing = Outgoing(0, actor.email, actor.name, TEST_SUBJECT, TEST_BODY, "", "rxcrm")
    if server is None:
        error: str | None = NO_SERVER
    else:
        error = delivery_failure(lambda: hand_on(outgoing, server))
    return {"to": outgoing.to, "status": "failed" if error else "sent", "error": error or ""}
