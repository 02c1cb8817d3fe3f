"""E-mail to a contact from a record: composing it (template, tokens, files) and the e-mail log.

Composing stores the message as 'queued' in the user's unit of work; `email_sending` then hands it
on outside any transaction and records the outcome. Whoever may not see the record gets 'not found'.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from rxcrm.db.models import Account, Attachment, Contact, Email, EmailTemplate, Lead, Ticket, User
from rxcrm.db.types import utcnow
from rxcrm.documents.email_text import fill_text
from rxcrm.domain.accounts.contacts import contact_display_name
from rxcrm.domain.commerce.email import MAX_ATTACHMENT_BYTES, STATUSES, clean_message, may_retry
from rxcrm.domain.errors import Conflict, Forbidden, NotFound, ValidationFailed
from rxcrm.services.commerce.email_templates import get_email_template
from rxcrm.services.commerce.email_view import record_view, visible_record
from rxcrm.services.commerce.mail_delivery import outbox_path
from rxcrm.services.commerce.quote_templates import size_text
from rxcrm.services.people.access import found_on_visible_record, get_visible, visible
from rxcrm.services.records.listing import FIRST_PAGE, ListWindow, Page


def _recipient(session: Session, actor: User, contact_id: Any) -> Contact:
    try:
        contact = get_visible(session, Contact, contact_id, actor, "contact")
    except NotFound:
        raise ValidationFailed.from_fields({"contact_id": "no such contact"}) from None
    if not contact.email:
        raise ValidationFailed.from_fields({"contact_id": "the contact has no e-mail address"})
    return contact


def _addressee(session: Session, actor: User, record: object, contact_id: Any) -> tuple[Contact | None, str]:
    """The contact written to and the address; without a contact a lead's or contact's own address."""
    if isinstance(record, Ticket):  # a ticket's reply goes to whoever wrote in
        return (session.get(Contact, record.contact_id) if record.contact_id else None), record.from_email
    if contact_id is not None:
        contact = _recipient(session, actor, contact_id)
        return contact, contact.email
    if isinstance(record, Contact):
        return _recipient(session, actor, record.id), record.email
    if isinstance(record, Lead):
        if not record.email:
            raise ValidationFailed.from_fields({"contact_id": "the lead has no e-mail address"})
        return None, record.email
    raise ValidationFailed.from_fields({"contact_id": "choose the contact to write to"})


def record_files(session: Session, entity: str, entity_id: int) -> list[Attachment]:
    """The files of a record (its attachments), newest first."""
    statement = select(Attachment).where(Attachment.entity == entity, Attachment.entity_id == entity_id)
    return list(session.exec(statement.order_by(Attachment.created_at.desc(), Attachment.id.desc())))


def _files(session: Session, entity: str, entity_id: int, ids: Any) -> list[int]:
    wanted = list(dict.fromkeys(ids or []))
    own = {a.id: a for a in record_files(session, entity, entity_id)}
    strangers = [str(i) for i in wanted if i not in own]
    if strangers:
        raise ValidationFailed.from_fields(
            {"attachment_ids": f"not a file of this record: {', '.join(strangers)}"}
        )
    if sum(own[i].size for i in wanted) > MAX_ATTACHMENT_BYTES:
        limit = MAX_ATTACHMENT_BYTES // 1024 // 1024
        raise ValidationFailed.from_fields({"attachment_ids": f"together larger than {limit} MB"})
    return wanted


def compose_email(session: Session, actor: User, data: dict[str, Any]) -> Email:
    """Store a queued e-mail to a contact from a record the user may see.

    A template's subject and body are filled with the record's tokens; a subject or body given
    instead is sent as written (filled too with `fill_tokens`). Attachments must be files of the record.
    """
    entity = str(data.get("entity") or "")
    record = visible_record(session, actor, entity, data.get("entity_id"))
    contact, to = _addressee(session, actor, record, data.get("contact_id"))
    texts = {"subject": data.get("subject"), "body": data.get("body")}
    template_id = data.get("template_id")
    to_fill = {field for field in texts if data.get("fill_tokens") and texts[field] is not None}
    if template_id is not None:
        template = get_email_template(session, actor, template_id)
        for field in (f for f in texts if texts[f] is None):
            texts[field] = getattr(template, field)
            to_fill.add(field)
    if to_fill:
        view = record_view(session, actor, record, contact)
        texts.update({field: fill_text(field, texts[field], view) for field in to_fill})
    subject, body = clean_message(texts["subject"], texts["body"])
    email = Email(
        entity=entity,
        entity_id=record.id,
        contact_id=contact.id if contact else None,
        to=to,
        subject=subject,
        body=body,
        attachment_ids=_files(session, entity, record.id, data.get("attachment_ids")),
        template_id=template_id,
        created_by_id=actor.id,
    )
    session.add(email)
    session.flush()
    return email


def recipient_name(session: Session, email: Email) -> str:
    """The display name of an e-mail's contact, or of the lead written to (empty when gone)."""
    contact = session.get(Contact, email.contact_id) if email.contact_id else None
    if contact is not None:
        return contact_display_name(contact.first_name, contact.last_name)
    lead = session.get(Lead, email.entity_id) if email.entity == "lead" and not email.contact_id else None
    return (lead.name or "") if lead else ""


def get_email(session: Session, actor: User, email_id: Any) -> Email:
    """One e-mail of a record the user may see."""
    return found_on_visible_record(
        session, Email, email_id, "e-mail", lambda e: visible_record(session, actor, e.entity, e.entity_id)
    )


def retryable_email(session: Session, actor: User, email_id: Any) -> Email:
    """A failed (or still queued, or stopped while sending) e-mail of a record the user may see; one sent
    or being sent is a conflict."""
    email = get_email(session, actor, email_id)
    if not may_retry(email.status, email.claimed_at, utcnow()):
        done = {"sent": "was sent", "outbox": "was put in the outbox"}.get(email.status, "is being sent")
        raise Conflict(f"This e-mail {done} already.")
    return email


def list_emails(
    session: Session,
    actor: User,
    entity: str | None = None,
    entity_id: int | None = None,
    status: str | None = None,
    window: ListWindow = FIRST_PAGE,
) -> Page:
    """A record's e-mails (the record must be visible), or every e-mail for an admin; newest first."""
    statement = select(Email)
    if entity is not None or entity_id is not None:
        record = visible_record(session, actor, entity or "", entity_id)
        statement = statement.where(Email.entity == entity, Email.entity_id == record.id)
    elif not sees_every_email(actor):
        raise Forbidden("Only an administrator sees every e-mail; name a record (entity, entity_id).")
    if status is not None:
        if status not in STATUSES:
            raise ValidationFailed.from_fields({"status": f"must be one of {', '.join(STATUSES)}"})
        statement = statement.where(Email.status == status)
    order = (Email.created_at.desc(), Email.id.desc())
    return window.fetch(session, statement, order)


def sees_every_email(actor: User) -> bool:
    """Whether the user may read the whole e-mail log and the outbox (administrators)."""
    return actor.role == "admin"


def outbox_file(session: Session, actor: User, email_id: Any) -> tuple[str, bytes]:
    """The .eml of an e-mail in the outbox folder (admins), for downloading."""
    if not sees_every_email(actor):
        raise Forbidden("Only an administrator opens the outbox.")
    email = get_email(session, actor, email_id)
    path = outbox_path(email.id)
    if email.status != "outbox" or not path.is_file():
        raise NotFound(f"e-mail {email_id} is not in the outbox")
    return path.name, path.read_bytes()


def _account_recipient(session: Session, actor: User, account_id: int) -> int | None:
    """The first contact of the account (by name) the user may see who has an e-mail address."""
    statement = visible(select(Contact.id), Contact, actor).where(
        Contact.account_id == account_id, Contact.email.is_not(None), Contact.email != ""
    )
    return session.exec(statement.order_by(Contact.last_name, Contact.first_name, Contact.id)).first()


def _default_recipient(session: Session, actor: User, record: Any) -> tuple[int | None, str]:
    """The contact the dialog starts on and, when there is nobody to write to, why."""
    if isinstance(record, Account):
        found = _account_recipient(session, actor, record.id)
        return found, "" if found else "No contact of this account has an e-mail address."
    if isinstance(record, Contact):
        return record.id, "" if record.email else "This contact has no e-mail address."
    if isinstance(record, Lead):
        return None, "" if record.email else "This lead has no e-mail address."
    return getattr(record, "contact_id", None), ""


def missing_recipient(session: Session, actor: User, entity: str, entity_id: Any) -> str:
    """Why nobody can be written to from a record the user may see (empty when someone can)."""
    return _default_recipient(session, actor, visible_record(session, actor, entity, entity_id))[1]


def compose_choices(session: Session, actor: User, entity: str, entity_id: Any) -> dict[str, Any]:
    """What the send dialog offers on a record: its recipient, the templates and the record's files.

    `contact_id` is the contact to start on; a lead is written to at its own address (`lead_to`);
    `missing` says why nobody can be written to (empty when someone can).
    """
    record = visible_record(session, actor, entity, entity_id)
    contact_id, missing = _default_recipient(session, actor, record)
    templates = session.exec(select(EmailTemplate.id, EmailTemplate.name).order_by(EmailTemplate.name)).all()
    return {
        "contact_id": contact_id,
        "lead_to": (record.email or "") if isinstance(record, Lead) else "",
        "missing": missing,
        "templates": [(str(i), name) for i, name in templates],
        "files": [
            (str(a.id), a.filename, size_text(a.size)) for a in record_files(session, entity, record.id)
        ],
    }
