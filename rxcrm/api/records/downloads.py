"""REST: `GET /downloads/{token}`, a file through a short-lived link the app made for a user.

The token is the credential (no bearer header): signed with the server's secret, bound to the user
it was made for and good for a minute; that user's access is checked again now. An expired, altered
or no longer visible link is 404 in the contract's error shape. The file is streamed from disk in
chunks from a handle opened before the answer starts, so a file deleted meanwhile still arrives whole.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Annotated, BinaryIO

from fastapi import APIRouter
from fastapi import Path as PathParam
from fastapi.responses import StreamingResponse

from rxcrm.api.deps import DB
from rxcrm.api.serialize import attachment_disposition, file_answer
from rxcrm.domain.errors import NotFound
from rxcrm.domain.records.download_links import GONE
from rxcrm.services.records.downloads import open_download

router = APIRouter(tags=["files"])
CHUNK_BYTES = 256 * 1024
# A file is data, never a page: nothing in it may run or load, even if a browser were to show it.
FILE_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox"


def _chunks(handle: BinaryIO) -> Iterator[bytes]:
    with handle:
        while chunk := handle.read(CHUNK_BYTES):
            yield chunk


@router.get(
    "/downloads/{token}",
    response_class=StreamingResponse,
    responses=file_answer("The file, of the type its bytes are.", "application/octet-stream"),
    openapi_extra={"security": []},
)
def download_by_link(token: Annotated[str, PathParam(max_length=200)], session: DB) -> StreamingResponse:
    """A file through a link from the app (the token is the credential; it works for one minute)."""
    found = open_download(session, token)
    try:
        handle = found.path.open("rb")
    except FileNotFoundError:
        raise NotFound(GONE) from None
    headers = {
        "Content-Disposition": attachment_disposition(found.filename),
        "Content-Length": str(os.fstat(handle.fileno()).st_size),
        "Cache-Control": "private, no-store",
        "Content-Security-Policy": FILE_CSP,
        "X-Content-Type-Options": "nosniff",
    }
    return StreamingResponse(_chunks(handle), media_type=found.content_type, headers=headers)
