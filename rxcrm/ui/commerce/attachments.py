"""The Attachments tab of the opportunity page: generated quote documents to download or delete."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.services.commerce import attachments as service
from rxcrm.ui.actions import action, success_toast
from rxcrm.ui.components.confirm_delete import ConfirmedDelete, confirm_delete_dialog
from rxcrm.ui.components.controls import delete_icon, note
from rxcrm.ui.components.conversion import record_ref
from rxcrm.ui.components.lists import plain_table
from rxcrm.ui.pipeline.opportunity_state import OpportunityState

TAB_ROWS = 100


class AttachmentsState(ConfirmedDelete, OpportunityState):
    """The deal's files and the one waiting for the delete confirmation."""

    files: list[dict[str, str]] = []
    file_count: int = 0

    @rx.event
    @action
    def load_attachments(self, session: Session, user: User):
        """Read the deal's newest files."""
        self.files, self.file_count = [], 0  # what a refusal leaves shown
        page = service.list_attachments(session, user, self.opportunity_id, limit=TAB_ROWS)
        self.files, self.file_count = service.attachment_rows(session, page.items), page.total

    @rx.event
    @action
    def download(self, session: Session, user: User, attachment_id: str):
        """Send one file to the browser."""
        filename, content_type, data = service.attachment_content(session, user, record_ref(attachment_id))
        return rx.download(data=data, filename=filename, mime_type=content_type)

    @rx.event
    @action(reload="load_attachments")
    def delete_file(self, session: Session, user: User):
        """Delete the file the user confirmed."""
        attachment_id, name = self._take_confirmed()
        service.delete_attachment(session, user, attachment_id)
        return [success_toast(f"'{name}' deleted."), AttachmentsState.load_attachments]


def _row(row: rx.Var) -> rx.Component:
    s = AttachmentsState
    return rx.table.row(
        rx.table.cell(
            rx.link(
                rx.hstack(
                    rx.icon("file-text", size=14), rx.text(row["filename"]), spacing="2", align="center"
                ),
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
                size="2",
            )
        ),
        data_testid="attachment-row",
    )


def attachments_tab() -> rx.Component:
    """The deal's files, newest first: click a name to download it."""
    s = AttachmentsState
    table = plain_table(("File", "Size", "Created", "By", ""), s.files, _row)
    empty = rx.text(
        "No files yet. Generate a quote document on the Quotes tab and it is kept here.", color_scheme="gray"
    )
    more = note(f"The newest {TAB_ROWS} of {s.file_count} files are shown.")
    return rx.vstack(
        rx.cond(s.files.length() > 0, table, empty),
        rx.cond(s.file_count > TAB_ROWS, more),
        confirm_delete_dialog(
            s, "Delete file", f"Delete '{s.confirm_name}'? This cannot be undone.", s.delete_file
        ),
        width="100%",
        on_mount=s.load_attachments,
        data_testid="attachments-tab",
    )
