"""Word templates for quote documents: the shipped default, and the ones admins upload per price book.

The default template is a QuoteTemplate row installed with the other defaults (services/settings/defaults.py),
whose storage key `asset:default_quote.docx` points at the file shipped in assets/quote_templates/;
it is listed first and cannot be deleted. Uploaded files live in the file store.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import PurePath
from typing import Any

from sqlalchemy import case
from sqlmodel import Session, select

from rxcrm.db.models import PriceBook, QuoteTemplate, User
from rxcrm.documents.quote_document import TOKENS
from rxcrm.documents.quote_template import check_template
from rxcrm.domain.errors import Conflict, NotFound, ValidationFailed
from rxcrm.domain.records.validation import FieldErrors, clean_text, record_id
from rxcrm.services.commerce.file_store import delete_after_commit, read_file, write_in_unit
from rxcrm.services.people.permissions import require
from rxcrm.services.records.changes import delete_record, insert_record
from rxcrm.services.records.display_text import text
from rxcrm.services.records.listing import Page, fetch_page

ENTITY = "quote_template"
DEFAULT_KEY = "asset:default_quote.docx"
DEFAULT_NAME = "Default quote"
TEMPLATE_ORDER = (
    case((QuoteTemplate.storage_key == DEFAULT_KEY, 0), else_=1),
    QuoteTemplate.created_at.desc(),
    QuoteTemplate.id.desc(),
)


def install_default_template(session: Session) -> bool:
    """Add the row of the shipped default template if it is missing; True when added."""
    present = session.exec(select(QuoteTemplate.id).where(QuoteTemplate.storage_key == DEFAULT_KEY)).first()
    if present is not None:
        return False
    session.add(QuoteTemplate(name=DEFAULT_NAME, filename="default_quote.docx", storage_key=DEFAULT_KEY))
    return True


def is_default(template: QuoteTemplate) -> bool:
    """Whether this is the template shipped with rxcrm."""
    return template.storage_key == DEFAULT_KEY


def tokens() -> list[tuple[str, str]]:
    """The documented tokens a template may use, with what each prints."""
    return list(TOKENS)


def list_templates(
    session: Session, actor: User, price_book_id: int | None = None, limit: int = 100, offset: int = 0
) -> Page:
    """The templates to choose from: the default first, then the general ones and the book's, newest first.

    Without a price book every template is listed (the admin's overview). Templates belong to the
    catalogue: listing them needs 'view' on price books, uploading and deleting 'edit'. Whoever may
    see a quote chooses its document's template through `document_templates` instead.
    """
    require(session, actor, "price_books", "view")
    statement = select(QuoteTemplate)
    if price_book_id is not None:
        statement = statement.where(_offered_for(record_id(price_book_id)))
    return fetch_page(session, statement, TEMPLATE_ORDER, limit, offset)


def _offered_for(price_book_id: int | None) -> Any:
    return (QuoteTemplate.price_book_id.is_(None)) | (QuoteTemplate.price_book_id == price_book_id)


def templates_for_book(session: Session, price_book_id: int | None) -> list[QuoteTemplate]:
    """The templates a quote of this book can be printed with: the default, the general ones, the book's."""
    statement = select(QuoteTemplate).where(_offered_for(price_book_id))
    return list(session.exec(statement.order_by(*TEMPLATE_ORDER)))


def template_rows(session: Session, templates: list[QuoteTemplate]) -> list[dict[str, str]]:
    """Templates as table rows: name, file, size, price book, when, and whether it is the default."""
    books = {t.price_book_id for t in templates if t.price_book_id is not None}
    names = (
        dict(session.exec(select(PriceBook.id, PriceBook.name).where(PriceBook.id.in_(books))).all())
        if books
        else {}
    )
    return [
        {
            "id": str(t.id),
            "name": t.name,
            "filename": t.filename,
            "size": size_text(t.size) if t.size else "",
            "price_book": names.get(t.price_book_id, "All price books"),
            "created": text(t.created_at) if not is_default(t) else "ships with rxcrm",
            "default": "yes" if is_default(t) else "",
        }
        for t in templates
    ]


def size_text(size: int) -> str:
    """A file size as people read it: '820 bytes', '41 KB', '1.2 MB'."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def get_template(session: Session, template_id: int) -> QuoteTemplate:
    """One template by id."""
    number = record_id(template_id) if isinstance(template_id, int) else None
    template = session.get(QuoteTemplate, number) if number is not None else None
    if template is None:
        raise NotFound(f"quote template {template_id} not found")
    return template


def template_for_quote(session: Session, price_book_id: int | None, template_id: int | None) -> QuoteTemplate:
    """The template a document is made from: the one asked for, else the book's newest, else the default."""
    if template_id is not None:
        number = record_id(template_id) if isinstance(template_id, int) else None
        template = session.get(QuoteTemplate, number) if number is not None else None
        if template is None:
            raise ValidationFailed.from_fields({"template_id": "no such quote template"})
        return template
    if price_book_id is not None:
        newest = session.exec(
            select(QuoteTemplate)
            .where(QuoteTemplate.price_book_id == price_book_id)
            .order_by(QuoteTemplate.created_at.desc(), QuoteTemplate.id.desc())
        ).first()
        if newest is not None:
            return newest
    default = session.exec(select(QuoteTemplate).where(QuoteTemplate.storage_key == DEFAULT_KEY)).first()
    return default or QuoteTemplate(name=DEFAULT_NAME, filename="default_quote.docx", storage_key=DEFAULT_KEY)


@lru_cache(maxsize=32)
def template_bytes(storage_key: str) -> bytes:
    """A template's file (read once per process: a stored template never changes under its key)."""
    return read_file(storage_key)


def _clean_upload(
    session: Session, name: str | None, filename: str | None, price_book_id: int | None
) -> dict:
    errors = FieldErrors()
    title = clean_text(name)
    if title is None:
        errors.add("name", "is required")
    elif len(title) > 200:
        errors.add("name", "must be at most 200 characters")
    base = PurePath((filename or "").replace("\\", "/")).name.strip()
    if not base.lower().endswith(".docx"):
        errors.add("file", "must be a Word .docx file")
    if price_book_id is not None and (
        record_id(price_book_id) is None or session.get(PriceBook, price_book_id) is None
    ):
        errors.add("price_book_id", "no such price book")
    errors.raise_if_any()
    return {"name": title, "filename": base[-255:], "price_book_id": price_book_id}


def upload_template(
    session: Session,
    actor: User,
    name: str | None,
    filename: str | None,
    data: bytes,
    price_book_id: int | None = None,
) -> QuoteTemplate:
    """Store a new template after checking it is a .docx whose every token is known (422 naming it)."""
    require(session, actor, "price_books", "edit")
    values = _clean_upload(session, name, filename, price_book_id)
    check_template(data)
    key = write_in_unit(session, data, ".docx")
    template = QuoteTemplate(**values, storage_key=key, size=len(data), created_by_id=actor.id)
    insert_record(session, ENTITY, template, actor)
    return template


def template_content(session: Session, actor: User, template_id: int) -> tuple[str, bytes]:
    """A template's file name and bytes, to download it (e.g. the default as a starting point)."""
    require(session, actor, "price_books", "view")
    template = get_template(session, template_id)
    return template.filename, template_bytes(template.storage_key)


def delete_template(session: Session, actor: User, template_id: int) -> None:
    """Remove an uploaded template and its file (the shipped default stays)."""
    require(session, actor, "price_books", "edit")
    template = get_template(session, template_id)
    if is_default(template):
        raise Conflict("The default template ships with rxcrm and cannot be deleted.")
    delete_record(session, ENTITY, template, actor)
    delete_after_commit(session, template.storage_key)
