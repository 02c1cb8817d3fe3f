"""Quote templates: the list, uploading a .docx (refused naming an unknown token), the token reference."""

from __future__ import annotations

from pathlib import PurePath

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.documents.quote_render import DOCX_TYPE
from rxcrm.domain.errors import DomainError
from rxcrm.services.commerce import quote_templates as service
from rxcrm.services.people.permissions import can
from rxcrm.ui.accounts.account_detail import record_id_from_path
from rxcrm.ui.actions import acting, action, failure_toast, success_toast
from rxcrm.ui.commerce.parts import card_stack
from rxcrm.ui.components.confirm_delete import ConfirmedDelete, confirm_delete_dialog
from rxcrm.ui.components.controls import delete_icon, drop_zone
from rxcrm.ui.components.conversion import optional_id, record_ref
from rxcrm.ui.components.lists import plain_table
from rxcrm.ui.state import AppState

UPLOAD_ID = "quote_template_upload"


class QuoteTemplatesState(ConfirmedDelete, AppState):
    """The templates of one price book (or all of them), the upload form and the token list."""

    book_id: str = ""
    templates: list[dict[str, str]] = []
    tokens: list[dict[str, str]] = [{"token": t, "meaning": m} for t, m in service.tokens()]
    may_edit: bool = False
    new_name: str = ""
    error: str = ""

    @rx.event
    def load_templates(self, book_id: str | int = ""):
        """Read the templates: a price book's (with the general ones), or every one without a book."""
        return self._load(book_id)

    @rx.event
    def load_page_templates(self):
        """On a price book's page: that book's templates (the book comes from the page's address)."""
        return self._load(record_id_from_path(self.router.url.path) or "")

    @action
    def _load(self, session: Session, user: User, book_id: str | int):
        self.book_id = str(book_id or "")
        book = optional_id(self.book_id)
        found = service.list_templates(session, user, book, limit=500).items
        self.templates = service.template_rows(session, found)
        self.may_edit = can(session, user, "price_books", "edit")
        return None

    @rx.event
    def set_new_name(self, value: str):
        """The name the next upload gets."""
        self.new_name = value

    @rx.event
    async def upload(self, files: list[rx.UploadFile]):
        """Store the dropped .docx as a template after checking its tokens."""
        if not files:
            return None
        upload = files[0]
        filename = upload.name or "template.docx"
        data = await upload.read()
        name = self.new_name.strip() or PurePath(filename).stem
        try:
            with acting(self.token) as (session, user):
                service.upload_template(session, user, name, filename, data, optional_id(self.book_id))
        except DomainError as exc:
            self.error = exc.fields.get("file") or exc.message
            return failure_toast(exc)
        self.error, self.new_name = "", ""
        return [
            success_toast(f"Template '{name}' uploaded."),
            QuoteTemplatesState.load_templates(self.book_id),
        ]

    @rx.event
    @action
    def download(self, session: Session, user: User, template_id: str):
        """Send a template's .docx to the browser (the default is a good starting point)."""
        filename, data = service.template_content(session, user, record_ref(template_id))
        return rx.download(data=data, filename=filename, mime_type=DOCX_TYPE)

    @rx.event
    @action
    def delete(self, session: Session, user: User):
        """Delete the template the user confirmed."""
        template_id, name = self._take_confirmed()
        service.delete_template(session, user, template_id)
        return [
            success_toast(f"Template '{name}' deleted."),
            QuoteTemplatesState.load_templates(self.book_id),
        ]


def _row(row: rx.Var) -> rx.Component:
    s = QuoteTemplatesState
    delete = delete_icon(
        "Delete template",
        s.ask_delete(row["id"], row["name"]),
        "quote-template-delete-" + row["id"],
        size="2",
    )
    return rx.table.row(
        rx.table.cell(
            rx.hstack(
                rx.text(row["name"]),
                rx.cond(row["default"] == "yes", rx.badge("Default", size="1")),
                spacing="2",
            )
        ),
        rx.table.cell(
            rx.link(
                row["filename"],
                on_click=s.download(row["id"]),
                cursor="pointer",
                data_testid="quote-template-download-" + row["id"],
            )
        ),
        rx.table.cell(row["size"], white_space="nowrap"),
        rx.table.cell(row["price_book"]),
        rx.table.cell(row["created"], white_space="nowrap"),
        rx.table.cell(rx.cond(s.may_edit & (row["default"] != "yes"), delete)),
        data_testid="quote-template-row",
    )


def _upload_form() -> rx.Component:
    s = QuoteTemplatesState
    prompt = rx.hstack(
        rx.icon("file-up", size=18),
        rx.text("Drop a Word .docx here or click to choose one (at most 5 MB).", size="2"),
        align="center",
        spacing="2",
    )
    sent = s.upload(rx.upload_files(upload_id=UPLOAD_ID))
    drop = drop_zone(
        UPLOAD_ID, prompt, sent, "quote-template-upload", accept={DOCX_TYPE: [".docx"]}, flex="1"
    )
    name = rx.input(
        placeholder="Template name (default: the file name)",
        value=s.new_name,
        on_change=s.set_new_name,
        width="280px",
        data_testid="quote-template-name",
    )
    error = rx.callout(
        s.error, icon="triangle-alert", color_scheme="red", size="1", data_testid="quote-template-error"
    )
    return rx.vstack(
        rx.hstack(name, drop, width="100%", align="center", spacing="3"),
        rx.cond(s.error != "", error),
        width="100%",
    )


def _tokens() -> rx.Component:
    row = lambda t: rx.table.row(  # noqa: E731
        rx.table.cell(rx.code(t["token"]), white_space="nowrap"), rx.table.cell(t["meaning"])
    )
    table = plain_table(("Token", "Prints"), QuoteTemplatesState.tokens, row)
    return rx.accordion.root(
        rx.accordion.item(header="Tokens a template can use", content=table, value="tokens"),
        collapsible=True,
        type="single",
        variant="ghost",
        width="100%",
        data_testid="quote-template-tokens",
    )


def quote_templates_section(price_book_id: str = "", on_page: bool = False) -> rx.Component:
    """Word templates for quote documents of a price book (all templates when no book is given).

    On a price book's page (`on_page`), the page's on-load reads them (`load_page_templates`), so an
    upload always belongs to the book in the address, however late the page's own data arrives.
    """
    s = QuoteTemplatesState
    table = plain_table(("Name", "File", "Size", "Price book", "Added", ""), s.templates, _row)
    intro = (
        "Quote documents are filled from these Word templates: the price book's newest, else the default. "
        "Write tokens such as {{ account.name }} into your own .docx (download the default as a start)."
    )
    question = f"Delete the template '{s.confirm_name}'? Documents made with it stay."
    return card_stack(
        rx.heading("Quote templates", size="4"),
        rx.text(intro, size="2", color_scheme="gray"),
        table,
        rx.cond(s.may_edit, _upload_form()),
        _tokens(),
        confirm_delete_dialog(s, "Delete template", question, s.delete),
        on_mount=None if on_page else s.load_templates(price_book_id),
        data_testid="quote-templates",
    )
