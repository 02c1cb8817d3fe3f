"""Files attached to an opportunity (generated quote documents): list, download, delete.

An attachment is reached through its deal: whoever may not see the deal gets 'not found'.
"""

from __future__ import annotations

from sqlmodel import Session, select

from rxcrm.db.models import Attachment, User
from rxcrm.domain.errors import NotFound
from rxcrm.domain.records.history import FieldChange
from rxcrm.domain.records.validation import record_id
from rxcrm.services.commerce.file_store import delete_after_commit, read_file
from rxcrm.services.commerce.quote_documents import HISTORY_FIELD
from rxcrm.services.commerce.quote_templates import size_text
from rxcrm.services.people.permissions import require
from rxcrm.services.pipeline.opportunities import get_opportunity
from rxcrm.services.records.display_text import text
from rxcrm.services.records.events import ChangeEvent, publish
from rxcrm.services.records.listing import Page, fetch_page


def list_attachments(
    session: Session, actor: User, opportunity_id: int, limit: int = 50, offset: int = 0
) -> Page:
    """The files of a deal the user may see, newest first."""
    deal = get_opportunity(session, actor, opportunity_id)
    statement = select(Attachment).where(Attachment.entity == "opportunity", Attachment.entity_id == deal.id)
    return fetch_page(session, statement, (Attachment.created_at.desc(), Attachment.id.desc()), limit, offset)


def get_attachment(session: Session, actor: User, attachment_id: int) -> Attachment:
    """One attachment of a deal the user may see."""
    number = record_id(attachment_id)
    attachment = session.get(Attachment, number) if number is not None else None
    if attachment is None or attachment.entity != "opportunity":
        raise NotFound(f"attachment {attachment_id} not found")
    try:
        get_opportunity(session, actor, attachment.entity_id)
    except NotFound:
        raise NotFound(f"attachment {attachment_id} not found") from None
    return attachment


def attachment_content(session: Session, actor: User, attachment_id: int) -> tuple[str, str, bytes]:
    """File name, content type and bytes of an attachment, for downloading."""
    attachment = get_attachment(session, actor, attachment_id)
    return attachment.filename, attachment.content_type, read_file(attachment.storage_key)


def delete_attachment(session: Session, actor: User, attachment_id: int) -> None:
    """Remove an attachment (needs the right to edit opportunities); its file goes once this commits."""
    attachment = get_attachment(session, actor, attachment_id)
    require(session, actor, "opportunities", "edit")
    change = FieldChange(HISTORY_FIELD, attachment.filename, None)
    publish(session, ChangeEvent("opportunity", attachment.entity_id, "update", (change,), actor.id))
    session.delete(attachment)
    session.flush()
    delete_after_commit(session, attachment.storage_key)


def attachment_rows(session: Session, attachments: list[Attachment]) -> list[dict[str, str]]:
    """Attachments as table rows: file name, size, when and by whom."""
    names = creator_names(session, attachments)
    return [
        {
            "id": str(a.id),
            "filename": a.filename,
            "size": size_text(a.size),
            "created": text(a.created_at),
            "by": names.get(a.created_by_id, ""),
        }
        for a in attachments
    ]


def creator_names(session: Session, attachments: list[Attachment]) -> dict[int, str]:
    """Who made each attachment, by user id."""
    ids = {a.created_by_id for a in attachments if a.created_by_id is not None}
    if not ids:
        return {}
    return dict(session.exec(select(User.id, User.name).where(User.id.in_(ids))).all())
