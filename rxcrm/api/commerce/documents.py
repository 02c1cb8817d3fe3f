"""REST: quote and invoice templates, quote documents (the files of records are in api/records/files.py).

`/quote-templates` answers quote templates only, as it always did; `/invoice-templates` is the same
resource for invoice templates (no price book). Both are served by the same routes, made per kind.
"""

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
    InvoiceTemplatePublic,
    QuoteTemplatePublic,
    TokenPublic,
)
from rxcrm.db.schemas.shapes import Page
from rxcrm.documents.quote_render import DOCX_TYPE
from rxcrm.documents.quote_template import MAX_TEMPLATE_BYTES
from rxcrm.services.commerce import quote_templates
from rxcrm.services.commerce.quote_documents import generate_quote_document

router = APIRouter(tags=["quote documents"])
invoice_router = APIRouter(tags=["invoice documents"])
TemplateShape = type[QuoteTemplatePublic] | type[InvoiceTemplatePublic]


def _template_out(template: QuoteTemplate) -> QuoteTemplatePublic | InvoiceTemplatePublic:
    shape: TemplateShape = QuoteTemplatePublic if template.kind == "quote" else InvoiceTemplatePublic
    values = template.model_dump(include=set(shape.model_fields) - {"is_default"})
    return shape(**values, is_default=quote_templates.is_default(template))


def _kind_routes(api: APIRouter, kind: str) -> None:
    """Tokens, download and delete of one kind's templates, under /<kind>-templates."""
    base = f"/{kind}-templates"
    tokens_doc = f"Every token a {kind} template may use, with what it prints."
    download_doc = "The template's .docx (e.g. the default one, as a starting point for your own)."
    delete_doc = "Remove an uploaded template (the default cannot be removed: 409)."

    @api.get(f"{base}/tokens", response_model=list[TokenPublic], description=tokens_doc)
    def list_tokens(_: Actor) -> list[TokenPublic]:
        return [TokenPublic(token=t, meaning=m) for t, m in quote_templates.tokens(kind)]

    @api.get(
        f"{base}/{{template_id}}/download",
        response_class=Response,
        responses=file_answer("The template (.docx).", DOCX_TYPE),
        description=download_doc,
    )
    def download_template(template_id: int, session: DB, actor: Actor) -> Response:
        filename, data = quote_templates.template_content(session, actor, template_id, kind)
        return file_download(filename, DOCX_TYPE, data)

    @api.delete(f"{base}/{{template_id}}", status_code=204, description=delete_doc)
    def delete_template(template_id: int, session: DB, actor: Actor) -> Response:
        quote_templates.delete_template(session, actor, template_id, kind)
        return Response(status_code=204)


async def _upload(
    session: DB, actor: Actor, name: str, file: UploadFile, price_book_id: int | None, kind: str
) -> QuoteTemplate:
    data = await file.read(MAX_TEMPLATE_BYTES + 1)
    return await to_thread.run_sync(
        quote_templates.upload_template, session, actor, name, file.filename, data, price_book_id, kind
    )


@router.get("/quote-templates", response_model=Page[QuoteTemplatePublic])
def list_templates(session: DB, actor: Actor, window: PageWindow, price_book_id: IdFilter = None) -> dict:
    """The quote templates (the default first); with `price_book_id` only the general ones and that book's."""
    page = quote_templates.list_templates(session, actor, price_book_id, window.page)
    return page_body(page, [_template_out(t) for t in page.items])


@router.post("/quote-templates", status_code=201, response_model=QuoteTemplatePublic)
async def upload_template(
    session: DB,
    actor: Actor,
    name: Annotated[str, Form(max_length=500)],
    file: Annotated[UploadFile, File()],
    price_book_id: Annotated[int | None, Form()] = None,
) -> QuoteTemplatePublic | InvoiceTemplatePublic:
    """Upload a .docx quote template; a file with an unknown token is refused naming the token (422)."""
    return _template_out(await _upload(session, actor, name, file, price_book_id, "quote"))


@invoice_router.get("/invoice-templates", response_model=Page[InvoiceTemplatePublic])
def list_invoice_templates(session: DB, actor: Actor, window: PageWindow) -> dict:
    """The invoice templates (the default first, then the newest)."""
    page = quote_templates.list_templates(session, actor, None, window.page, "invoice")
    return page_body(page, [_template_out(t) for t in page.items])


@invoice_router.post("/invoice-templates", status_code=201, response_model=InvoiceTemplatePublic)
async def upload_invoice_template(
    session: DB, actor: Actor, name: Annotated[str, Form(max_length=500)], file: Annotated[UploadFile, File()]
) -> QuoteTemplatePublic | InvoiceTemplatePublic:
    """Upload a .docx invoice template; a token invoices do not know is refused naming it (422)."""
    return _template_out(await _upload(session, actor, name, file, None, "invoice"))


_kind_routes(router, "quote")
_kind_routes(invoice_router, "invoice")


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
