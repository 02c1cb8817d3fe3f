"""Word templates for quote and invoice documents: the shipped defaults, and the ones admins upload.

Each template has a kind (`documents/template_kinds.py`): quote templates may belong to a price book,
invoice templates to none; an upload is checked against its kind's tokens, and a document is only
filled from a template of its own kind. Each kind's default is a QuoteTemplate row installed with the
other defaults (services/settings/defaults.py), whose storage key (`asset:default_quote.docx`,
`asset:default_invoice.docx`) points at the file shipped in assets/quote_templates/; it is listed
first and cannot be deleted. Uploaded files live in the file store.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import PurePath
from typing import Any

from sqlalchemy import case
from sqlmodel import Session, select

from rxcrm.db.models import PriceBook, QuoteTemplate, User
from rxcrm.documents.quote_template import check_template
from rxcrm.documents.template_kinds import DEFAULT_KEYS, KINDS, QUOTE, TemplateKind
from rxcrm.domain.errors import Conflict, NotFound, ValidationFailed
from rxcrm.domain.records.validation import FieldErrors, clean_text, record_id
from rxcrm.services.commerce.file_store import delete_after_commit, read_file, write_in_unit
from rxcrm.services.people.permissions import require
from rxcrm.services.records.changes import delete_record, insert_record
from rxcrm.services.records.display_text import text
from rxcrm.services.records.listing import TEMPLATE_PAGE, ListWindow, Page

ENTITY = "quote_template"
DEFAULT_KEY = QUOTE.default_key
DEFAULT_NAME = QUOTE.default_name
TEMPLATE_ORDER = (
    case((QuoteTemplate.storage_key.in_(DEFAULT_KEYS), 0), else_=1),
    QuoteTemplate.created_at.desc(),
    QuoteTemplate.id.desc(),
)


def _shipped(kind: TemplateKind) -> QuoteTemplate:
    return QuoteTemplate(
        kind=kind.name, name=kind.default_name, filename=kind.default_file, storage_key=kind.default_key
    )


def install_default_template(session: Session) -> bool:
    """Add the rows of the shipped default templates (quote, invoice) that are missing; True when any."""
    present = set(
        session.exec(select(QuoteTemplate.storage_key).where(QuoteTemplate.storage_key.in_(DEFAULT_KEYS)))
    )
    missing = [kind for kind in KINDS.values() if kind.default_key not in present]
    session.add_all(_shipped(kind) for kind in missing)
    return bool(missing)


def is_default(template: QuoteTemplate) -> bool:
    """Whether this is a template shipped with rxcrm."""
    return template.storage_key in DEFAULT_KEYS


def kind_of(kind: str) -> TemplateKind:
    """A template kind by name ('quote' or 'invoice'), or a refusal naming the field."""
    if kind not in KINDS:
        raise ValidationFailed.from_fields({"kind": f"must be one of: {', '.join(KINDS)}"})
    return KINDS[kind]


def tokens(kind: str = "quote") -> list[tuple[str, str]]:
    """The documented tokens a template of this kind may use, with what each prints."""
    return list(kind_of(kind).vocabulary.tokens)


def list_templates(
    session: Session,
    actor: User,
    price_book_id: int | None = None,
    window: ListWindow = TEMPLATE_PAGE,
    kind: str = "quote",
) -> Page:
    """The templates of a kind: the default first, then the general ones and the book's, newest first.

    Without a price book every template of the kind is listed (the admin's overview). Templates belong
    to the catalogue: listing them needs 'view' on price books, uploading and deleting 'edit'. Whoever
    may see a quote or invoice chooses its document's template through `document_templates` or
    `invoice_templates` instead.
    """
    require(session, actor, "price_books", "view")
    statement = select(QuoteTemplate).where(QuoteTemplate.kind == kind_of(kind).name)
    if price_book_id is not None:
        statement = statement.where(_offered_for(record_id(price_book_id)))
    return window.fetch(session, statement, TEMPLATE_ORDER)


def _offered_for(price_book_id: int | None) -> Any:
    return (QuoteTemplate.price_book_id.is_(None)) | (QuoteTemplate.price_book_id == price_book_id)


def templates_for_book(session: Session, price_book_id: int | None) -> list[QuoteTemplate]:
    """The templates a quote of this book can be printed with: the default, the general ones, the book's."""
    statement = select(QuoteTemplate).where(QuoteTemplate.kind == QUOTE.name, _offered_for(price_book_id))
    return list(session.exec(statement.order_by(*TEMPLATE_ORDER)))


def templates_of_kind(session: Session, kind: str) -> list[QuoteTemplate]:
    """Every template of a kind, the default first (e.g. those an invoice can be printed with)."""
    statement = select(QuoteTemplate).where(QuoteTemplate.kind == kind_of(kind).name)
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
            "price_book": names.get(t.price_book_id, "All price books" if t.kind == QUOTE.name else ""),
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


def _by_id(session: Session, template_id: int, kind: str | None) -> QuoteTemplate | None:
    number = record_id(template_id) if isinstance(template_id, int) else None
    template = session.get(QuoteTemplate, number) if number is not None else None
    return template if template is not None and kind in (None, template.kind) else None


def get_template(session: Session, template_id: int, kind: str | None = None) -> QuoteTemplate:
    """One template by id (of the given kind, when one is given)."""
    template = _by_id(session, template_id, kind)
    if template is None:
        raise NotFound(f"{kind or 'document'} template {template_id} not found")
    return template


def _asked(session: Session, template_id: int, kind: TemplateKind) -> QuoteTemplate:
    """The template a user chose for a document of this kind; another kind's is refused by name."""
    template = _by_id(session, template_id, None)
    if template is None:
        raise ValidationFailed.from_fields({"template_id": f"no such {kind.name} template"})
    if template.kind != kind.name:
        problem = f"'{template.name}' is for {template.kind} documents, not {kind.name} documents"
        raise ValidationFailed.from_fields({"template_id": problem})
    return template


def _newest(session: Session, *conditions: Any) -> QuoteTemplate | None:
    statement = select(QuoteTemplate).where(*conditions, QuoteTemplate.storage_key.not_in(DEFAULT_KEYS))
    order = (QuoteTemplate.created_at.desc(), QuoteTemplate.id.desc())
    return session.exec(statement.order_by(*order)).first()


def _default(session: Session, kind: TemplateKind) -> QuoteTemplate:
    found = session.exec(select(QuoteTemplate).where(QuoteTemplate.storage_key == kind.default_key)).first()
    return found or _shipped(kind)


def template_for_quote(session: Session, price_book_id: int | None, template_id: int | None) -> QuoteTemplate:
    """The template a document is made from: the one asked for, else the book's newest, else the default."""
    if template_id is not None:
        return _asked(session, template_id, QUOTE)
    newest = _newest(session, QuoteTemplate.price_book_id == price_book_id) if price_book_id else None
    return newest or _default(session, QUOTE)


def template_for_invoice(session: Session, template_id: int | None) -> QuoteTemplate:
    """An invoice document's template: the one asked for, else the newest uploaded, else the default."""
    invoice = KINDS["invoice"]
    if template_id is not None:
        return _asked(session, template_id, invoice)
    return _newest(session, QuoteTemplate.kind == invoice.name) or _default(session, invoice)


@lru_cache(maxsize=32)
def template_bytes(storage_key: str) -> bytes:
    """A template's file (read once per process: a stored template never changes under its key)."""
    return read_file(storage_key)


def _clean_upload(
    session: Session, name: str | None, filename: str | None, price_book_id: int | None, kind: TemplateKind
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
    if price_book_id is not None and kind.name != QUOTE.name:
        errors.add("price_book_id", f"only quote templates belong to a price book, not {kind.name} templates")
    elif price_book_id is not None and (
        record_id(price_book_id) is None or session.get(PriceBook, price_book_id) is None
    ):
        errors.add("price_book_id", "no such price book")
    errors.raise_if_any()
    return {"kind": kind.name, "name": title, "filename": base[-255:], "price_book_id": price_book_id}


def upload_template(
    session: Session,
    actor: User,
    name: str | None,
    filename: str | None,
    data: bytes,
    price_book_id: int | None = None,
    kind: str = "quote",
) -> QuoteTemplate:
    """Store a new template after checking it is a .docx whose every token its kind knows (422 naming it)."""
    require(session, actor, "price_books", "edit")
    template_kind = kind_of(kind)
    values = _clean_upload(session, name, filename, price_book_id, template_kind)
    check_template(data, template_kind.vocabulary)
    key = write_in_unit(session, data, ".docx")
    template = QuoteTemplate(**values, storage_key=key, size=len(data), created_by_id=actor.id)
    insert_record(session, ENTITY, template, actor)
    return template


def template_content(
    session: Session, actor: User, template_id: int, kind: str | None = None
) -> tuple[str, bytes]:
    """A template's file name and bytes, to download it (e.g. the default as a starting point)."""
    require(session, actor, "price_books", "view")
    template = get_template(session, template_id, kind)
    return template.filename, template_bytes(template.storage_key)


def delete_template(session: Session, actor: User, template_id: int, kind: str | None = None) -> None:
    """Remove an uploaded template and its file (the shipped defaults stay)."""
    require(session, actor, "price_books", "edit")
    template = get_template(session, template_id, kind)
    if is_default(template):
        raise Conflict("The default template ships with rxcrm and cannot be deleted.")
    delete_record(session, ENTITY, template, actor)
    delete_after_commit(session, template.storage_key)
