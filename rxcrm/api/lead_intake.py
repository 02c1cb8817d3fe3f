"""REST: POST /leads/intake — marketing tools send leads with an API key; stored and routed at once."""

from __future__ import annotations

import json
import threading
import time
from typing import Annotated, Any

from anyio import to_thread
from fastapi import APIRouter, Depends, Header, Request
from fastapi.responses import JSONResponse

from rxcrm.api.deps import UnitOpener, open_unit
from rxcrm.api.errors import error_response
from rxcrm.db.session import writer_turn
from rxcrm.domain.errors import DomainError, ValidationFailed
from rxcrm.domain.rate_limit import RequestBudget
from rxcrm.services.api_keys import key_for_request
from rxcrm.services.lead_intake import add_leads, check_references, validate_batch
from rxcrm.services.settings import current_settings

router = APIRouter(prefix="/leads", tags=["lead intake"])
MAX_BODY = 4 * 1024 * 1024
_budgets: dict[str, RequestBudget] = {}
_budgets_lock = threading.Lock()


def _payloads(body: Any) -> list[Any]:
    if isinstance(body, dict) and "leads" in body:
        if set(body) != {"leads"} or not isinstance(body["leads"], list):
            raise ValidationFailed.from_fields(
                {"leads": "must be a list of lead objects (and nothing beside it)"}
            )
        return body["leads"]
    if isinstance(body, dict):
        return [body]
    raise ValidationFailed.from_fields({"body": 'send one lead object or {"leads": [...]}'})


def _wait_seconds(key_hash: str, limit: int) -> int:
    with _budgets_lock:
        budget = _budgets.setdefault(key_hash, RequestBudget())
        return budget.take(limit, time.monotonic())


def _intake(
    opener: UnitOpener, api_key: str | None, body: Any
) -> tuple[int, dict[str, Any], dict[str, str] | None]:
    """One unit of work: check the key and the leads, store and route them (or write nothing)."""
    with writer_turn(), opener() as session:
        key = key_for_request(session, api_key)
        wait = _wait_seconds(key.key_hash, current_settings(session)["intake_rate_limit_per_minute"])
        if wait:
            return 429, _limited(wait), {"Retry-After": str(wait)}
        leads = validate_batch(_payloads(body))
        check_references(session, leads)
        return 201, {"leads": add_leads(session, leads, None, f"intake: {key.name}")}, None


def _limited(wait: int) -> dict[str, Any]:
    return {
        "error": {"code": "rate_limited", "message": f"Too many requests; retry in {wait} s.", "fields": {}}
    }


@router.post("/intake", status_code=201)
async def intake(
    request: Request,
    opener: Annotated[UnitOpener, Depends(open_unit)],
    x_api_key: Annotated[str | None, Header(alias="X-API-Key")] = None,
) -> JSONResponse:
    """One lead object or {"leads": [...]} (at most 1000) -> 201 with each lead's assignment."""
    raw = await request.body()
    if len(raw) > MAX_BODY:
        return error_response(
            413, "validation_error", f"The body is larger than {MAX_BODY // 1024 // 1024} MB."
        )
    if not x_api_key:
        return error_response(401, "unauthorized", "Send the API key in the X-API-Key header.")
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return error_response(
            400, "validation_error", "The body is not valid JSON.", {"body": "is not valid JSON"}
        )
    try:
        status, answer, headers = await to_thread.run_sync(_intake, opener, x_api_key, body)
    except DomainError as exc:
        status = (
            422
            if exc.code == "validation_error"
            else {"unauthorized": 401, "not_found": 404}.get(exc.code, 400)
        )
        return error_response(status, exc.code, exc.message, exc.fields)
    return JSONResponse(answer, status_code=status, headers=headers)
