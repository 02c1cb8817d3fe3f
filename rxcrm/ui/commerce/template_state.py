"""The states behind the Word template sections: one per kind (quote, invoice), the same behaviour."""

from __future__ import annotations

from pathlib import PurePath

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.documents.quote_render import DOCX_TYPE
from rxcrm.domain.errors import DomainError
from rxcrm.services.commerce import quote_templates as service
from rxcrm.services.people.permissions import can
from rxcrm.services.records.listing import LARGEST_PAGE
from rxcrm.ui.actions import acting, action, failure_toast, success_toast
from rxcrm.ui.components.confirm_delete import ConfirmedDelete
from rxcrm.ui.components.conversion import optional_id, record_id_from_path, record_ref
from rxcrm.ui.components.setters import setter
from rxcrm.ui.state import AppState


class DocumentTemplates(ConfirmedDelete, mixin=True):
    """The templates of one kind (of one price book, or all of them), the upload form and the token list."""

    book_id: str = ""
    templates: list[dict[str, str]] = []
    tokens: list[dict[str, str]] = []
    may_edit: bool = False
    new_name: str = ""
    error: str = ""

    def _kind(self) -> str:
        """Which kind of template this section shows: 'quote' or 'invoice'."""
        raise NotImplementedError

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
        kind = self._kind()
        book = optional_id(self.book_id)
        found = service.list_templates(session, user, book, LARGEST_PAGE, kind).items
        self.templates = service.template_rows(session, found)
        self.tokens = [{"token": t, "meaning": m} for t, m in service.tokens(kind)]
        self.may_edit = can(session, user, "price_books", "edit")
        return None

    set_new_name = setter("new_name", "The name the next upload gets.", value_type=str)

    @rx.event
    async def upload(self, files: list[rx.UploadFile]):
        """Store the dropped .docx as a template after checking its tokens."""
        if not files:
            return None
        filename = files[0].name or "template.docx"
        data = await files[0].read()
        name = self.new_name.strip() or PurePath(filename).stem
        try:
            with acting(self.token) as (session, user):
                book = optional_id(self.book_id)
                service.upload_template(session, user, name, filename, data, book, self._kind())
        except DomainError as exc:
            self.error = exc.fields.get("file") or exc.message
            return failure_toast(exc)
        self.error, self.new_name = "", ""
        return [success_toast(f"Template '{name}' uploaded."), type(self).load_templates(self.book_id)]

    @rx.event
    @action
    def download(self, session: Session, user: User, template_id: str):
        """Send a template's .docx to the browser (the default is a good starting point)."""
        filename, data = service.template_content(session, user, record_ref(template_id), self._kind())
        return rx.download(data=data, filename=filename, mime_type=DOCX_TYPE)

    @rx.event
    @action
    def delete(self, session: Session, user: User):
        """Delete the template the user confirmed."""
        template_id, name = self._take_confirmed()
        service.delete_template(session, user, template_id, self._kind())
        return [success_toast(f"Template '{name}' deleted."), type(self).load_templates(self.book_id)]


class QuoteTemplatesState(DocumentTemplates, AppState):
    """Quote templates: on a price book's page (that book's and the general ones) and in Settings (all)."""

    def _kind(self) -> str:
        """Quote templates."""
        return "quote"


class InvoiceTemplatesState(DocumentTemplates, AppState):
    """Invoice templates, in Settings."""

    def _kind(self) -> str:
        """Invoice templates."""
        return "invoice"
