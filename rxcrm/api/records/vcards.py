"""REST: vCard import — `POST /accounts/vcard-import`, `POST /contacts/vcard-import` (multipart `file`).

`?dry_run=true` answers the preview (what each card becomes, its problems) and writes nothing; without
it every card becomes a record, or nothing is written and 422 names `cards.<n>.<field>`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from anyio import to_thread
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from rxcrm.api.deps import DB, Actor
from rxcrm.api.records.files import UPLOAD_OPENAPI, read_upload
from rxcrm.db.schemas.vcards import VcardImported, VcardPreview
from rxcrm.domain.records.vcard_import import MAX_BYTES
from rxcrm.services.people.permissions import require
from rxcrm.services.records.vcard_import import import_vcards, preview_vcards

router = APIRouter(tags=["vcard import"])


def _route(kind: str) -> Callable[..., Any]:
    async def import_vcards_route(
        request: Request, session: DB, actor: Actor, dry_run: bool = False
    ) -> JSONResponse:
        await to_thread.run_sync(require, session, actor, kind, "add")  # refused before the body is read
        _, data = await read_upload(request, MAX_BYTES)
        if dry_run:
            preview = await to_thread.run_sync(preview_vcards, session, actor, kind, data)
            return JSONResponse(VcardPreview(**preview).model_dump())
        ids = await to_thread.run_sync(import_vcards, session, actor, kind, data)
        answer = VcardImported(kind=kind, created=len(ids), ids=ids)
        return JSONResponse(answer.model_dump(), status_code=201)

    import_vcards_route.__doc__ = f"Import {kind} from a vCard file (2 MB, 1,000 cards): all cards or none."
    return import_vcards_route


PREVIEW = {200: {"model": VcardPreview, "description": "The preview (`dry_run=true`); nothing is written."}}
for kind in ("accounts", "contacts"):
    router.add_api_route(
        f"/{kind}/vcard-import",
        _route(kind),
        methods=["POST"],
        status_code=201,
        response_model=VcardImported,
        responses=PREVIEW,
        openapi_extra=UPLOAD_OPENAPI,
        name=f"import-{kind}-vcards",
    )
