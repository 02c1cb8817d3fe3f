"""The Files tab of a record page (account, contact, lead, deal, price book): upload, list, download, delete.

The panel names its kind of record; the record's id comes from the page's address. Uploads show a
progress bar; a file over the limit is refused in the browser before it is sent.
"""

from __future__ import annotations

from typing import Any

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.records.files import size_limit_text
from rxcrm.services.records import files as service
from rxcrm.services.records.listing import ListWindow
from rxcrm.ui.actions import action, success_toast
from rxcrm.ui.components.confirm_delete import ConfirmedDelete, confirm_delete_dialog
from rxcrm.ui.components.controls import delete_icon, drop_zone, note
from rxcrm.ui.components.conversion import record_id_from_path, record_ref
from rxcrm.ui.components.lists import plain_table
from rxcrm.ui.records.downloads import stored_file_download
from rxcrm.ui.state import AppState

UPLOAD_ID = "record_files_upload"
TAB_ROWS = 100
NO_UPLOAD = -1


class FilesState(ConfirmedDelete, AppState):
    """The files of the record on the page, the upload under way and the file waiting for 'Delete'."""

    entity: str = ""
    record_id: int = 0
    files: list[dict[str, str]] = []
    file_count: int = 0
    may_edit: bool = False
    limit: int = 0
    limit_text: str = ""
    progress: int = NO_UPLOAD

    @rx.event
    @action
    def load_files(self, session: Session, user: User, entity: str):
        """Read the newest files of the page's record of kind `entity`."""
        self.entity, self.files, self.file_count = entity, [], 0  # what a refusal leaves shown
        self.record_id = record_id_from_path(self.router.url.path)
        page = service.list_files(session, user, entity, self.record_id, ListWindow(limit=TAB_ROWS))
        self.files, self.file_count = service.file_rows(session, page.items), page.total
        self.may_edit = service.may_change_files(session, user, entity)
        self.limit = service.upload_limit()
        self.limit_text = size_limit_text(self.limit)

    @rx.event
    def upload_progress(self, progress: dict[str, Any]):
        """Move the progress bar while the browser sends a file."""
        share = float(progress.get("progress") or 0)
        self.progress = int(share * 100) if share < 1 else NO_UPLOAD  # sent: the server takes over

    @rx.event
    def refuse_files(self, rejected: list[dict[str, Any]]):
        """Say why the browser did not send a dropped file (too large, or more than one)."""
        names = ", ".join(str(r.get("file", {}).get("path", "")).lstrip("./") for r in rejected)
        codes = {e.get("code") for r in rejected for e in r.get("errors", [])}
        too_large = "file-too-large" in codes
        why = f"larger than {self.limit_text}" if too_large else "not accepted (one file at a time)"
        return rx.toast.error(f"Not uploaded: {names or 'the file'} is {why}.", duration=6000)

    @rx.event
    @action(reload="load_files_again")
    async def upload(self, session: Session, user: User, files: list[rx.UploadFile]):
        """Keep the dropped file on the record."""
        self.progress = NO_UPLOAD
        if not files:
            return None
        upload = files[0]
        data = await upload.read(service.upload_limit() + 1)  # a larger file is refused unread
        kept = service.upload_file(session, user, self.entity, self.record_id, upload.name, data)
        return [success_toast(f"'{kept.filename}' uploaded."), FilesState.load_files_again]

    @rx.event
    def load_files_again(self):
        """Read the files of the same record again."""
        return FilesState.load_files(self.entity)

    @rx.event
    @action
    def download(self, session: Session, user: User, attachment_id: str):
        """Let the browser fetch one file over HTTP (a one-minute link)."""
        return stored_file_download(session, user, record_ref(attachment_id))

    @rx.event
    @action(reload="load_files_again")
    def delete_file(self, session: Session, user: User):
        """Delete the file the user confirmed."""
        attachment_id, name = self._take_confirmed()
        service.delete_file(session, user, attachment_id)
        return [success_toast(f"'{name}' deleted."), FilesState.load_files_again]


def _row(row: rx.Var) -> rx.Component:
    s = FilesState
    return rx.table.row(
        rx.table.cell(
            rx.link(
                rx.hstack(rx.icon("file", size=14), rx.text(row["filename"]), spacing="2", align="center"),
                on_click=s.download(row["id"]),
                cursor="pointer",
                data_testid="attachment-" + row["id"],
            )
        ),
        rx.table.cell(row["size"], white_space="nowrap"),
        rx.table.cell(row["created"], white_space="nowrap"),
        rx.table.cell(row["by"]),
        rx.table.cell(
            delete_icon(
                "Delete file",
                s.ask_delete(row["id"], row["filename"]),
                "attachment-delete-" + row["id"],
                when=s.may_edit,
                size="2",
            ),
        ),
        data_testid="attachment-row",
    )


def _drop_zone() -> rx.Component:
    s = FilesState
    prompt = rx.hstack(
        rx.icon("file-up", size=18),
        rx.text("Drop a file here or click to choose one (at most ", s.limit_text, ").", size="2"),
        align="center",
        spacing="2",
    )
    sent = s.upload(rx.upload_files(upload_id=UPLOAD_ID, on_upload_progress=FilesState.upload_progress))
    return drop_zone(
        UPLOAD_ID,
        prompt,
        sent,
        "file-upload",
        label="Upload a file",
        max_size=s.limit,
        on_drop_rejected=s.refuse_files,
    )


def files_panel(entity: str, empty: str = "No files yet.") -> rx.Component:
    """The files of the page's record (`entity`: account, contact, lead, opportunity, price_book)."""
    s = FilesState
    table = plain_table(("File", "Size", "Added", "By", ""), s.files, _row)
    bar = rx.vstack(
        note("Uploading… ", s.progress, " %"),
        rx.progress(value=s.progress, max=100, width="100%"),
        width="100%",
        spacing="1",
        data_testid="file-upload-progress",
    )
    return rx.vstack(
        rx.cond(s.may_edit, _drop_zone()),
        rx.cond(s.progress >= 0, bar),
        rx.cond(s.files.length() > 0, table, rx.text(empty, color_scheme="gray")),
        rx.cond(s.file_count > TAB_ROWS, note(f"The newest {TAB_ROWS} of {s.file_count} files are shown.")),
        confirm_delete_dialog(
            s, "Delete file", f"Delete '{s.confirm_name}'? This cannot be undone.", s.delete_file
        ),
        width="100%",
        spacing="3",
        on_mount=s.load_files(entity),
        data_testid="record-files",
    )
