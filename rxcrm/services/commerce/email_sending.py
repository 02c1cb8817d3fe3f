"""Sending a composed e-mail: three steps, so no transaction is open while the mail server answers.

1. the user's unit stores the e-mail as 'queued' (`emails.compose_email`);
2. its parts are read, and it is handed on outside any transaction (`mail_delivery.hand_on`);
3. a second unit records the outcome: 'sent' or 'outbox' with an "E-mail" sales activity on the
   record, or 'failed' with the error, to be retried. Nothing is dropped silently.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import update
from sqlmodel import Session, func, select

from rxcrm.db.models import ActivityCategory, Attachment, Email, User
from rxcrm.db.session import lock_for_writing, unit_of_work
from rxcrm.db.types import utcnow
from rxcrm.domain.commerce.email import RETRYABLE, SENDING, STOPPED, stale_claim_before
from rxcrm.domain.errors import Conflict, DomainError, NotFound
from rxcrm.services.commerce.emails import compose_email, recipient_name, retryable_email
from rxcrm.services.commerce.file_store import read_file
from rxcrm.services.commerce.mail_delivery import FilePart, Outgoing, delivery_failure, hand_on
from rxcrm.services.commerce.smtp_settings import server_in_effect
from rxcrm.services.records.activities import create_activity
from rxcrm.services.units import UnitOpener, unit_as

CATEGORY = "E-mail"


def _outgoing(session: Session, email: Email) -> Outgoing:
    sender = session.get(User, email.created_by_id) if email.created_by_id else None
    files = []
    for attachment_id in email.attachment_ids:
        attachment = session.get(Attachment, attachment_id)
        if attachment is None:
            raise NotFound(f"attachment {attachment_id} was deleted")
        files.append(
            FilePart(attachment.filename, attachment.content_type, read_file(attachment.storage_key))
        )
    return Outgoing(
        email_id=email.id,
        to=email.to,
        to_name=recipient_name(session, email),
        subject=email.subject,
        body=email.body,
        reply_to=sender.email if sender else "",
        sender_name=sender.name if sender else "",
        files=tuple(files),
    )


def email_category(session: Session) -> str:
    """The name of the "E-mail" activity category, added if an admin removed it."""
    names = session.exec(select(ActivityCategory.name)).all()
    found = next((n for n in names if n.casefold() in ("e-mail", "email")), None)
    if found is not None:
        return found
    last = session.exec(select(func.max(ActivityCategory.position))).one() or 0
    session.add(ActivityCategory(name=CATEGORY, icon="mail", position=last + 1))
    session.flush()
    return CATEGORY


def _log_activity(session: Session, email: Email) -> None:
    author = session.get(User, email.created_by_id) if email.created_by_id else None
    if author is None or email.entity == "ticket":  # a ticket's thread is its log
        return
    to = f"{recipient_name(session, email)} <{email.to}>".strip()
    note = f"E-mail to {to}: {email.subject}"
    if email.attachment_ids:
        names = [a.filename for a in (session.get(Attachment, i) for i in email.attachment_ids) if a]
        note += f"\nAttached: {', '.join(names)}"
    data = {"entity": email.entity, "entity_id": email.entity_id, "category": email_category(session)}
    create_activity(session, author, {**data, "note": note[:5000]})


def _record(opener: UnitOpener, email_id: int, status: str, error: str | None) -> Email:
    with opener() as session:
        email = session.get(Email, email_id)
        email.status, email.error = status, error
        if status != "failed":
            email.sent_at = utcnow()
            _log_activity(session, email)
        session.add(email)
        session.flush()
        return email


def _claim(session: Session, email_id: int) -> bool:
    """Mark a queued or failed e-mail 'sending' if nobody else has: one conditional UPDATE, its row count."""
    lock_for_writing(session)
    now = utcnow()
    stale = (Email.status == SENDING) & (Email.claimed_at < stale_claim_before(now))
    free = Email.status.in_(RETRYABLE) | stale
    taken = session.connection().execute(
        update(Email).where(Email.id == email_id, free).values(status=SENDING, claimed_at=now)
    )
    return taken.rowcount == 1


def _deliver(email_id: int, opener: UnitOpener) -> Email | None:
    """Claim, hand on and record one e-mail; None when it was not queued or failed (any more)."""
    with opener() as session:
        if not _claim(session, email_id):
            return None
        email = session.get(Email, email_id)
        server = server_in_effect(session)
        try:
            outgoing = _outgoing(session, email)
        except DomainError as exc:
            outgoing, error = None, f"An attachment cannot be read: {exc.message}"
    if outgoing is None:
        return _record(opener, email_id, "failed", error)
    try:
        error = delivery_failure(lambda: hand_on(outgoing, server))
    except Exception:
        _record(opener, email_id, "failed", STOPPED)  # never left 'sending' by an error nobody foresaw
        raise
    return _record(opener, email_id, "failed" if error else ("sent" if server else "outbox"), error)


def deliver_email(email_id: int, opener: UnitOpener = unit_of_work) -> Email:
    """Hand a queued (or failed) e-mail on and record how it went; one sent or being sent is left as it is.

    The claim (status -> 'sending') commits before the mail server is called, so two retries at the
    same moment hand the message on once: the second finds it claimed and gets it back unchanged.
    """
    delivered = _deliver(email_id, opener)
    if delivered is not None:
        return delivered
    with opener() as session:
        return session.get(Email, email_id)


def send_email(token: str | None, data: dict[str, Any], opener: UnitOpener = unit_of_work) -> Email:
    """Compose an e-mail as the user behind the token, then send it; a failure is kept, not raised."""
    with unit_as(token, opener=opener) as (session, actor):
        email_id = compose_email(session, actor, data).id
    return deliver_email(email_id, opener)


def retry_email(token: str | None, email_id: Any, opener: UnitOpener = unit_of_work) -> Email:
    """Send a failed e-mail again (of a record the user may see); one sent or being sent: 'conflict'."""
    with unit_as(token, opener=opener) as (session, actor):
        email = retryable_email(session, actor, email_id)
    delivered = _deliver(email.id, opener)
    if delivered is None:
        raise Conflict("This e-mail is being sent (or was sent) by another request already.")
    return delivered
