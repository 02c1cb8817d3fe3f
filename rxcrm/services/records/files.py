"""Files on accounts, contacts, opportunities, leads and price books: upload, list, download, delete.

A file is reached through its record: whoever may not see the record gets 'not found'. The bytes live
in the file store (`services/commerce/file_store.py`); the type stored is what the bytes are
(`domain/records/files.py`). A deleted, merged-away or anonymized record takes its files along.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, select

from rxcrm.db.models import Attachment, User
from rxcrm.domain.errors import Forbidden, NotFound, ValidationFailed
from rxcrm.domain.records.files import check_size, safe_filename, sniff, storage_suffix
from rxcrm.domain.records.history import FieldChange
from rxcrm.services.accounts.accounts import get_account
from rxcrm.services.accounts.contacts import get_contact
from rxcrm.services.commerce.file_store import delete_after_commit, read_file, write_in_unit
from rxcrm.services.commerce.price_books import get_price_book
from rxcrm.services.commerce.quote_documents import HISTORY_FIELD as QUOTE_DOCUMENT
from rxcrm.services.commerce.quote_templates import size_text
from rxcrm.services.leads.lifecycle import get_lead
from rxcrm.services.people.access import found_on_visible_record
from rxcrm.services.people.permissions import can, require
from rxcrm.services.pipeline.opportunities import get_opportunity
from rxcrm.services.records.display_text import text
from rxcrm.services.records.events import ChangeEvent, publish
from rxcrm.services.records.listing import FIRST_PAGE, ListWindow, Page
from rxcrm.settings import deployment

HISTORY_FIELD = "file"
ANONYMIZED = "anonymized"


@dataclass(frozen=True)
class FileOwner:
    """A kind of record that holds files: how one is read for a user and which right changes its files."""

    read: Callable[[Session, User, int], Any]
    permission: str


OWNERS: dict[str, FileOwner] = {
    "account": FileOwner(get_account, "accounts"),
    "contact": FileOwner(get_contact, "contacts"),
    "opportunity": FileOwner(get_opportunity, "opportunities"),
    "lead": FileOwner(get_lead, "leads"),
    "price_book": FileOwner(get_price_book, "price_books"),
}


def upload_limit() -> int:
    """The largest file a user may attach, in bytes (RXCRM_MAX_UPLOAD_MB)."""
    return deployment().max_upload_mb * 2**20


def _record(session: Session, actor: User, entity: str, entity_id: Any) -> Any:
    """The record files hang on, if the user may see it (hidden, missing or not viewable: not found)."""
    owner = OWNERS.get(entity)
    if owner is None:
        raise ValidationFailed.from_fields({"entity": f"files go on: {', '.join(OWNERS)}"})
    try:
        return owner.read(session, actor, entity_id)
    except Forbidden:
        raise NotFound(f"{entity.replace('_', ' ')} {entity_id} not found") from None


def list_files(
    session: Session, actor: User, entity: str, entity_id: int, window: ListWindow = FIRST_PAGE
) -> Page:
    """The files of a record the user may see, newest first."""
    record = _record(session, actor, entity, entity_id)
    statement = select(Attachment).where(Attachment.entity == entity, Attachment.entity_id == record.id)
    return window.fetch(session, statement, (Attachment.created_at.desc(), Attachment.id.desc()))


def check_upload(session: Session, actor: User, entity: str, entity_id: Any) -> Any:
    """The record a user may add files to (404 when not visible, 403 without the right to edit it)."""
    record = _record(session, actor, entity, entity_id)
    require(session, actor, OWNERS[entity].permission, "edit")
    return record


def may_change_files(session: Session, actor: User, entity: str) -> bool:
    """Whether the user's role may add and delete files of such records."""
    return can(session, actor, OWNERS[entity].permission, "edit")


def upload_file(
    session: Session, actor: User, entity: str, entity_id: int, filename: str | None, data: bytes
) -> Attachment:
    """Keep a file on a record (needs the right to edit such records); 422 on `file` if empty or too big."""
    record = check_upload(session, actor, entity, entity_id)
    check_size(len(data), upload_limit())
    kind = sniff(data)
    attachment = Attachment(
        entity=entity,
        entity_id=record.id,
        filename=safe_filename(filename),
        content_type=kind,
        size=len(data),
        storage_key=write_in_unit(session, data, storage_suffix(kind)),
        created_by_id=actor.id,
    )
    session.add(attachment)
    session.flush()
    change = FieldChange(HISTORY_FIELD, None, attachment.filename)
    publish(session, ChangeEvent(entity, record.id, "update", (change,), actor.id))
    return attachment


def get_file(session: Session, actor: User, attachment_id: Any) -> Attachment:
    """One file of a record the user may see."""
    return found_on_visible_record(
        session, Attachment, attachment_id, "attachment", lambda a: _owner_record(session, actor, a)
    )


def _owner_record(session: Session, actor: User, attachment: Attachment) -> Any:
    """The record a stored file hangs on, if the user may see it (a file of no known kind: not found)."""
    if attachment.entity not in OWNERS:
        raise NotFound("attachment not found")
    return _record(session, actor, attachment.entity, attachment.entity_id)


def file_content(session: Session, actor: User, attachment_id: Any) -> tuple[str, str, bytes]:
    """File name, content type and bytes of a file, for downloading."""
    attachment = get_file(session, actor, attachment_id)
    return attachment.filename, attachment.content_type, read_file(attachment.storage_key)


def delete_file(session: Session, actor: User, attachment_id: Any) -> None:
    """Remove a file (needs the right to edit its record); the bytes go once this commits."""
    attachment = get_file(session, actor, attachment_id)
    require(session, actor, OWNERS[attachment.entity].permission, "edit")
    field = QUOTE_DOCUMENT if attachment.quote_id is not None else HISTORY_FIELD
    change = FieldChange(field, attachment.filename, None)
    publish(session, ChangeEvent(attachment.entity, attachment.entity_id, "update", (change,), actor.id))
    session.delete(attachment)
    session.flush()
    delete_after_commit(session, attachment.storage_key)


def _files_of(session: Session, entity: str, entity_id: int) -> list[Attachment]:
    return list(
        session.exec(
            select(Attachment).where(Attachment.entity == entity, Attachment.entity_id == entity_id)
        ).all()
    )


def drop_files_of_gone_records(session: Session, change: ChangeEvent) -> None:
    """A deleted or anonymized record takes its files along (the bytes go once the unit commits)."""
    anonymized = change.action == "update" and any(c.field == ANONYMIZED for c in change.changes)
    if change.entity not in OWNERS or not (change.action == "delete" or anonymized):
        return
    for attachment in _files_of(session, change.entity, change.entity_id):
        session.delete(attachment)
        delete_after_commit(session, attachment.storage_key)
    session.flush()


def move_files(session: Session, entity: str, from_id: int, to_id: int) -> None:
    """A merged duplicate's files now belong to the record it was folded into."""
    for attachment in _files_of(session, entity, from_id):
        attachment.entity_id = to_id
        session.add(attachment)


def file_rows(session: Session, attachments: list[Attachment]) -> list[dict[str, str]]:
    """Files as table rows: file name, type, size, when and by whom."""
    names = creator_names(session, attachments)
    return [
        {
            "id": str(a.id),
            "filename": a.filename,
            "type": a.content_type.split(";")[0],
            "size": size_text(a.size),
            "created": text(a.created_at),
            "by": names.get(a.created_by_id, ""),
        }
        for a in attachments
    ]


def creator_names(session: Session, attachments: list[Attachment]) -> dict[int, str]:
    """Who added each file, by user id."""
    ids = {a.created_by_id for a in attachments if a.created_by_id is not None}
    if not ids:
        return {}
    return dict(session.exec(select(User.id, User.name).where(User.id.in_(ids))).all())
