"""REST: POST /imports/leads and /imports/accounts — a CSV file in, all rows imported or none.

Send the file as multipart (`file`, and optionally `mapping` as JSON text) or as JSON
`{"csv": "...", "mapping": {...}, "filename": "..."}`. `?dry_run=true` answers the preview
(suggested mapping, first rows with their spreadsheet row numbers, report) and writes nothing.
Invalid rows answer 422 with the per-row report; nothing is written. `?skip_invalid=true` imports
the valid rows instead and answers 201 with the bad ones in `report` and their count in `skipped`
(still 422 when no row is valid). Rows are numbered as a spreadsheet shows them: header = row 1.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from anyio import to_thread
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from starlette.datastructures import UploadFile

from rxcrm.api.bodies import form_capped, read_capped
from rxcrm.api.deps import UnitOpener, bearer_token, open_unit
from rxcrm.api.errors import error_response
from rxcrm.api.openapi_bodies import IMPORT_OPENAPI
from rxcrm.db.schemas.imports import ImportPreview, ImportRejected, ImportResult
from rxcrm.domain.errors import ValidationFailed
from rxcrm.domain.records.csv_import import MAX_BYTES, CsvTable, decode_upload, parse_csv
from rxcrm.services.people.auth import user_for_token
from rxcrm.services.records.imports import import_file, preview
from rxcrm.services.units import unit_as

router = APIRouter(prefix="/imports", tags=["imports"])
Upload = tuple[CsvTable, str, dict[str, Any] | None]
MULTIPART_CAP = MAX_BYTES + 64 * 1024
JSON_CAP = MAX_BYTES * 2
SKIP_INVALID = "Import the valid rows and report (skip) the invalid ones, instead of all or nothing."


async def _read_upload(request: Request) -> Upload:
    """The parsed CSV, its file name and the mapping (None: suggest one) from either body form.

    The body is read with a byte cap; decoding and parsing run in a worker thread, never on the loop.
    """
    if request.headers.get("content-type", "").startswith("multipart/form-data"):
        form = await form_capped(request, MULTIPART_CAP)
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise ValidationFailed.from_fields({"file": "attach the CSV file as the form field 'file'"})
        data = await upload.read(MAX_BYTES + 1)
        table = await to_thread.run_sync(lambda: parse_csv(decode_upload(data)))
        return table, upload.filename or "upload.csv", _mapping(form.get("mapping"))
    raw = await read_capped(request, JSON_CAP)
    return await to_thread.run_sync(_json_upload, raw)


def _json_upload(raw: bytes) -> Upload:
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise ValidationFailed.from_fields({"body": "send multipart form data or JSON"}) from None
    if not isinstance(body, dict) or not isinstance(body.get("csv"), str):
        raise ValidationFailed.from_fields({"csv": "send the file's text as the string 'csv'"})
    mapping = body.get("mapping")
    if mapping is not None and not isinstance(mapping, dict):
        raise ValidationFailed.from_fields({"mapping": "must map column names to field names"})
    return parse_csv(body["csv"]), str(body.get("filename") or "upload.csv")[:150], mapping


def _mapping(value: Any) -> dict[str, Any] | None:
    if value is None or value == "":
        return None
    try:
        mapping = json.loads(str(value))
    except ValueError:
        mapping = None
    if not isinstance(mapping, dict):
        raise ValidationFailed.from_fields({"mapping": "must be a JSON object of column -> field"})
    return mapping


def _authenticate(opener: UnitOpener, token: str | None) -> None:
    """A wrong or expired token is refused before the body is read."""
    with opener() as session:
        user_for_token(session, token)


def _run(
    opener: UnitOpener, token: str | None, kind: str, upload: Upload, dry_run: bool, skip_invalid: bool
) -> JSONResponse:
    """One unit of work: preview (no write lock), or import the whole file (or nothing, or the valid rows)."""
    table, filename, mapping = upload
    with unit_as(token, writer=not dry_run, opener=opener) as (session, actor):
        if dry_run:
            return JSONResponse(preview(session, actor, kind, table, mapping))
        result = import_file(session, actor, kind, table, mapping, filename, skip_invalid=skip_invalid)
        answer = result.as_dict()
    if answer["ok"]:
        return JSONResponse(answer, status_code=201)
    return _rejected(answer)


def _rejected(answer: dict[str, Any]) -> JSONResponse:
    fields = {f"rows.{line['row']}.{line['field']}": line["message"] for line in answer["report"]}
    response = error_response(
        422,
        "validation_error",
        f"{answer['invalid']} of {answer['rows']} rows are invalid; nothing was imported.",
        fields,
    )
    body = json.loads(response.body)
    return JSONResponse({**body, **answer}, status_code=422)


@router.post(
    "/{kind}",
    response_model=ImportPreview,
    responses={
        200: {"description": "The preview (`dry_run=true`); nothing is written."},
        201: {"model": ImportResult, "description": "The file (or its valid rows) imported."},
        422: {"model": ImportRejected, "description": "Invalid rows; nothing was imported."},
    },
    openapi_extra=IMPORT_OPENAPI,
)
async def import_csv(
    kind: Literal["leads", "accounts"],
    request: Request,
    opener: Annotated[UnitOpener, Depends(open_unit)],
    token: Annotated[str | None, Depends(bearer_token)],
    dry_run: bool = False,
    skip_invalid: Annotated[bool, Query(description=SKIP_INVALID)] = False,
) -> JSONResponse:
    """Import a CSV of leads or accounts: 201 with the counts, 422 with the report, or the preview."""
    if not token:
        return error_response(401, "unauthorized", "Log in first (Authorization: Bearer …).")
    await to_thread.run_sync(_authenticate, opener, token)
    upload = await _read_upload(request)
    return await to_thread.run_sync(_run, opener, token, kind, upload, dry_run, skip_invalid)
