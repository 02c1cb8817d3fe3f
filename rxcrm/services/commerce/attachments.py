"""Files attached to an opportunity (generated quote documents and uploads): list, download, delete.

The files of every kind of record are handled in `services/records/files.py`; these are the deal's
names for the same steps. An attachment is reached through its record: whoever may not see it gets
'not found'.
"""

from __future__ import annotations

from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.services.records import files
from rxcrm.services.records.files import creator_names
from rxcrm.services.records.listing import FIRST_PAGE, ListWindow, Page

__all__ = [
    "attachment_content",
    "attachment_rows",
    "creator_names",
    "delete_attachment",
    "get_attachment",
    "list_attachments",
]
attachment_content = files.file_content
attachment_rows = files.file_rows
delete_attachment = files.delete_file
get_attachment = files.get_file


def list_attachments(
    session: Session, actor: User, opportunity_id: int, window: ListWindow = FIRST_PAGE
) -> Page:
    """The files of a deal the user may see, newest first."""
    return files.list_files(session, actor, "opportunity", opportunity_id, window)
