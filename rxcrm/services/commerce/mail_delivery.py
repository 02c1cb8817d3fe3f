"""Handing an e-mail on: to the SMTP server when one is configured, else into the local outbox folder.

Nothing here touches the database: the message is built from stored values, then sent (or written
as `<files dir>/outbox/<id>.eml`) outside any transaction, so a slow mail server holds no lock.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, formatdate, make_msgid
from pathlib import Path

from rxcrm.services.commerce.file_store import files_root
from rxcrm.settings import SmtpServer

SMTP_TIMEOUT = 20.0
OUTBOX = "outbox"


@dataclass(frozen=True)
class FilePart:
    """One attached file: its name, media type and bytes."""

    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class Outgoing:
    """Everything a message is made of, read from the database before it is handed on."""

    email_id: int
    to: str
    to_name: str
    subject: str
    body: str
    reply_to: str
    sender_name: str
    files: tuple[FilePart, ...] = ()


def outbox_folder() -> Path:
    """Where messages are written while no SMTP server is configured."""
    return files_root() / OUTBOX


def outbox_path(email_id: int) -> Path:
    """The .eml file of one e-mail in the outbox."""
    return outbox_folder() / f"{email_id:08d}.eml"


def build_message(outgoing: Outgoing, sender: str) -> EmailMessage:
    """The MIME message: plain-text body, each file attached under its own name and type."""
    message = EmailMessage()
    message["From"] = formataddr((outgoing.sender_name, sender))
    message["To"] = formataddr((outgoing.to_name, outgoing.to))
    if outgoing.reply_to:
        message["Reply-To"] = formataddr((outgoing.sender_name, outgoing.reply_to))
    message["Subject"] = outgoing.subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(idstring=f"rxcrm-{outgoing.email_id}")
    message.set_content(outgoing.body)
    for part in outgoing.files:
        main, _, sub = (part.content_type or "application/octet-stream").partition("/")
        message.add_attachment(
            part.data, maintype=main, subtype=sub or "octet-stream", filename=part.filename
        )
    return message


def _send_smtp(message: EmailMessage, server: SmtpServer) -> None:
    # STARTTLS is required when switched on (no fall-back to clear text) and the server's
    # certificate is verified against the system CAs or RXCRM_SMTP_CA_FILE, host name included.
    with smtplib.SMTP(server.host, server.port, timeout=SMTP_TIMEOUT) as smtp:
        if server.starttls:
            smtp.starttls(context=ssl.create_default_context(cafile=server.ca_file or None))
        if server.user:
            smtp.login(server.user, server.password)
        smtp.send_message(message)


def _write_outbox(message: EmailMessage, email_id: int) -> None:
    path = outbox_path(email_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    partial.write_bytes(message.as_bytes())
    partial.replace(path)


def hand_on(outgoing: Outgoing, server: SmtpServer | None) -> str:
    """Send the message through `server` ('sent'), or without one write it to the outbox ('outbox').

    Raises when that fails (see `delivery_failure`).
    """
    message = build_message(outgoing, server.sender if server else "crm@localhost")
    if server is None:
        _write_outbox(message, outgoing.email_id)
        return "outbox"
    _send_smtp(message, server)
    return "sent"


def delivery_failure(send: Callable[[], object]) -> str | None:
    """Run a delivery; None when it went through, else what went wrong as the user reads it."""
    try:
        send()
    except (OSError, smtplib.SMTPException, ValueError) as exc:
        return failure_text(exc)
    return None


def failure_text(error: Exception) -> str:
    """A delivery failure as the user reads it (never the password)."""
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return "The mail server refused the login (check the mail server's user and password)."
    if isinstance(error, ssl.SSLCertVerificationError):
        return (
            f"The mail server's certificate is not trusted ({error.verify_message}); nothing was sent. "
            "Give the CA that signed it in RXCRM_SMTP_CA_FILE."
        )[:2000]
    if isinstance(error, ssl.SSLError):
        return f"The secure connection (STARTTLS) to the mail server failed ({error.reason}); nothing sent."
    if isinstance(error, smtplib.SMTPNotSupportedError):
        return "The mail server does not offer STARTTLS (or login); nothing was sent in clear."
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "The mail server refused the recipient's address."
    if isinstance(error, ConnectionError | TimeoutError | OSError) and not isinstance(
        error, smtplib.SMTPException
    ):
        return f"The mail server cannot be reached ({error.__class__.__name__}: {error})."[:2000]
    return f"Sending failed: {error}"[:2000]
