"""REST: quote templates and quote documents (the files of records are in api/records/files.py)."""

from __future__ import annotations

from typing import Annotated

from anyio import to_thread
from fastapi import APIRouter, File, Form, Response, UploadFile

from rxcrm.api.deps import DB, Actor, IdFilter, PageWindow
from rxcrm.api.records.files import attachment_url
from rxcrm.api.serialize import file_answer, file_download, page_body
from rxcrm.db.models import QuoteTemplate
from rxcrm.db.schemas.quotes import (
    DocumentCreate,
    DocumentPublic,
    QuoteTemplatePublic,
    TokenPublic,
)
from rxcrm.db.schemas.shapes import Page
from rxcrm.documents.quote_render import DOCX_TYPE
from rxcrm.documents.quote_template import MAX_TEMPLATE_BYTES
from rxcrm.services.commerce import quote_templates
from rxcrm.services.commerce.quote_documents import generate_quote_document

router = APIRouter(tags=["quote documents"])


def _template_out(template: QuoteTemplate) -> QuoteTemplatePublic:
    values = template.model_dump(include={"id", "name", "price_book_id", "filename", "size", "created_at"})
    return QuoteTemplatePublic(**values, is_default=quote_templates.is_default(template))


@router.get("/quote-templates/tokens", response_model=list[TokenPublic])
def list_tokens(_: Actor) -> list[TokenPublic]:
    """Every token a quote template may use, with what it prints."""
    return [TokenPublic(token=t, meaning=m) for t, m in quote_templates.tokens()]


@router.get("/quote-templates", response_model=Page[QuoteTemplatePublic])
def list_templates(session: DB, actor: Actor, window: PageWindow, price_book_id: IdFilter = None) -> dict:
    """The templates (the default first); with `price_book_id` only the general ones and that book's."""
    page = quote_templates.list_templates(session, actor, price_book_id, window.limit, window.offset)
    items = [_template_out(t) for t in page.items]
    return page_body(page, items)


@router.post("/quote-templates", status_code=201, response_model=QuoteTemplatePublic)
async def upload_template(
    session: DB,
    actor: Actor,
    name: Annotated[str, Form(max_length=500)],
    file: Annotated[UploadFile, File()],
    price_book_id: Annotated[int | None, Form()] = None,
) -> QuoteTemplatePublic:
    """Upload a .docx template; a file with an unknown token is refused naming the token (422)."""
    data = await file.read(MAX_TEMPLATE_BYTES + 1)
    template = await to_thread.run_sync(
        quote_templates.upload_template, session, actor, name, file.filename, data, price_book_id
    )
    return _template_out(template)


@router.get(
    "/quote-templates/{template_id}/download",
    response_class=Response,
    responses=file_answer("The template (.docx).", DOCX_TYPE),
)
def download_template(template_id: int, session: DB, actor: Actor) -> Response:
    """The template's .docx (e.g. the default one, as a starting point for your own)."""
    filename, data = quote_templates.template_content(session, actor, template_id)
    return file_download(filename, DOCX_TYPE, data)


@router.delete("/quote-templates/{template_id}", status_code=204)
def delete_template(template_id: int, session: DB, actor: Actor) -> Response:
    """Remove an uploaded template (the default cannot be removed: 409)."""
    quote_templates.delete_template(session, actor, template_id)
    return Response(status_code=204)


@router.post("/quotes/{quote_id}/document", status_code=201, response_model=DocumentPublic)
def generate_document(
    quote_id: int, session: DB, actor: Actor, body: DocumentCreate | None = None
) -> DocumentPublic:
    """Fill the template with the quote and keep the .docx as an attachment of the opportunity."""
    attachment = generate_quote_document(session, actor, quote_id, body.template_id if body else None)
    return DocumentPublic(
        id=attachment.id,
        filename=attachment.filename,
        url=attachment_url(attachment),
        created_at=attachment.created_at,
    )
