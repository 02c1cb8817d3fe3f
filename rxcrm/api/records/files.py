"""REST: the files of accounts, contacts, opportunities, leads and price books.

`GET/POST /{accounts|contacts|opportunities|leads|price-books}/{id}/attachments` (POST: multipart
`file`), `GET /attachments/{id}/download`, `DELETE /attachments/{id}`. The body of an upload is read
with a byte cap after the record and the right to change it are checked: over the cap 413, a file over
the limit 422 on `file`. A file of a record the caller cannot see is 404.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from anyio import to_thread
from fastapi import APIRouter, Request, Response
from starlette.datastructures import UploadFile

from rxcrm.api.bodies import form_capped
from rxcrm.api.deps import DB, Actor, PageWindow
from rxcrm.api.serialize import file_answer, file_download, page_body
from rxcrm.db.models import Attachment
from rxcrm.db.schemas.quotes import AttachmentPublic
from rxcrm.db.schemas.shapes import Page
from rxcrm.domain.errors import ValidationFailed
from rxcrm.services.records import files

router = APIRouter(tags=["files"])
PREFIX = "/api/v1"
FORM_OVERHEAD = 64 * 1024
RESOURCES = {
    "accounts": "account",
    "contacts": "contact",
    "opportunities": "opportunity",
    "leads": "lead",
    "price-books": "price_book",
}
UPLOAD_OPENAPI: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "The file as multipart form data (field `file`); at most RXCRM_MAX_UPLOAD_MB (25 MB).",
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {"file": {"type": "string", "format": "binary"}},
                    "required": ["file"],
                }
            }
        },
    }
}


def attachment_url(attachment: Attachment) -> str:
    """Where a file is downloaded (with the bearer token)."""
    return f"{PREFIX}/attachments/{attachment.id}/download"


def attachment_out(attachment: Attachment, names: dict[int, str]) -> AttachmentPublic:
    """A file as the API shows it."""
    stored = {"id", "filename", "created_at", "quote_id", "content_type", "size", "created_by_id"}
    return AttachmentPublic(
        **attachment.model_dump(include=stored),
        url=attachment_url(attachment),
        entity=attachment.entity,
        entity_id=attachment.entity_id,
        opportunity_id=attachment.entity_id if attachment.entity == "opportunity" else None,
        created_by=names.get(attachment.created_by_id),
    )


async def read_upload(request: Request, limit: int) -> tuple[str | None, bytes]:
    """The uploaded file's name and bytes (multipart field `file`), read with a cap just over `limit`."""
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise ValidationFailed.from_fields({"file": "send the file as multipart form data (field 'file')"})
    form = await form_capped(request, limit + FORM_OVERHEAD, max_fields=2)
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise ValidationFailed.from_fields({"file": "attach the file as the form field 'file'"})
    return upload.filename, await upload.read(limit + 1)


def _list_route(entity: str) -> Callable[..., dict]:
    def list_files(record_id: int, session: DB, actor: Actor, window: PageWindow) -> dict:
        page = files.list_files(session, actor, entity, record_id, window.page)
        names = files.creator_names(session, page.items)
        return page_body(page, [attachment_out(a, names) for a in page.items])

    list_files.__doc__ = f"The files of a{'n' if entity[0] in 'aeiou' else ''} {entity}, newest first."
    return list_files


def _upload_route(entity: str) -> Callable[..., Any]:
    async def upload_file(record_id: int, request: Request, session: DB, actor: Actor) -> AttachmentPublic:
        await to_thread.run_sync(files.check_upload, session, actor, entity, record_id)
        filename, data = await read_upload(request, files.upload_limit())
        attachment = await to_thread.run_sync(
            files.upload_file, session, actor, entity, record_id, filename, data
        )
        return attachment_out(attachment, {actor.id: actor.name})

    upload_file.__doc__ = f"Upload a file to the {entity} (the type is read from the bytes)."
    return upload_file


for path, kind in RESOURCES.items():
    name = kind.replace("_", "-")
    router.add_api_route(
        f"/{path}/{{record_id}}/attachments",
        _list_route(kind),
        methods=["GET"],
        response_model=Page[AttachmentPublic],
        name=f"list-{name}-files",
    )
    router.add_api_route(
        f"/{path}/{{record_id}}/attachments",
        _upload_route(kind),
        methods=["POST"],
        status_code=201,
        response_model=AttachmentPublic,
        name=f"upload-{name}-file",
        openapi_extra=UPLOAD_OPENAPI,
    )


@router.get(
    "/attachments/{attachment_id}/download",
    response_class=Response,
    responses=file_answer("The file, of the type its bytes are.", "application/octet-stream"),
)
def download_attachment(attachment_id: int, session: DB, actor: Actor) -> Response:
    """The file (always as an attachment, never shown inline)."""
    return file_download(*files.file_content(session, actor, attachment_id))


@router.delete("/attachments/{attachment_id}", status_code=204)
def delete_attachment(attachment_id: int, session: DB, actor: Actor) -> Response:
    """Remove a file (needs the right to edit its record)."""
    files.delete_file(session, actor, attachment_id)
    return Response(status_code=204)
