"""REST: POST /leads/intake — marketing tools send leads with an API key; stored and routed at once."""

from __future__ import annotations

import json
import time
from typing import Annotated, Any

import msgspec
from anyio import to_thread
from fastapi import APIRouter, Depends, Request, Security
from fastapi.responses import Response

from rxcrm.api.bodies import read_capped
from rxcrm.api.deps import API_KEY, UnitOpener, open_unit
from rxcrm.api.errors import STATUS_BY_CODE, error_response
from rxcrm.api.openapi_bodies import INTAKE_OPENAPI
from rxcrm.db.schemas.lead_intake import IntakeResult
from rxcrm.domain.errors import DomainError, ValidationFailed
from rxcrm.services.leads.intake import validate_batch
from rxcrm.services.leads.intake_batcher import RateLimited, submit_intake
from rxcrm.services.leads.intake_decode import decode_intake
from rxcrm.services.settings.api_keys import key_for_request

router = APIRouter(prefix="/leads", tags=["lead intake"])
MAX_BODY = 4 * 1024 * 1024
KEY_RECHECK = 5.0
_recent_keys: dict[str, float] = {}


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


def _check_key(opener: UnitOpener, api_key: str) -> None:
    with opener() as session:
        key_for_request(session, api_key)


async def _authenticate(opener: UnitOpener, api_key: str) -> None:
    """Refuse a wrong key before the body is read; a key seen valid is re-checked after KEY_RECHECK s."""
    now = time.monotonic()
    if _recent_keys.get(api_key, 0.0) > now:
        return  # the group commit checks it again against the database
    await to_thread.run_sync(_check_key, opener, api_key)
    if len(_recent_keys) > 1000:
        _recent_keys.clear()
    _recent_keys[api_key] = now + KEY_RECHECK


async def _intake(
    opener: UnitOpener, api_key: str, leads: list[dict[str, Any]] | None, body: Any
) -> list[dict[str, Any]]:
    """Validate the request's leads here, then write them with the concurrent requests' (group commit).

    `leads` come from the compiled fast path when it could vouch for them; else `body` is checked here.
    """
    if leads is None:
        try:
            leads = validate_batch(_payloads(body))
        except ValidationFailed:
            await to_thread.run_sync(_check_key, opener, api_key)  # a wrong key is reported first
            raise
    return await submit_intake(opener, api_key, leads)


@router.post("/intake", status_code=201, response_model=IntakeResult, openapi_extra=INTAKE_OPENAPI)
async def intake(
    request: Request,
    opener: Annotated[UnitOpener, Depends(open_unit)],
    x_api_key: Annotated[str | None, Security(API_KEY)] = None,
) -> Response:
    """One lead object or {"leads": [...]} (at most 1000) -> 201 with each lead's assignment."""
    if not x_api_key:
        return error_response(401, "unauthorized", "Send the API key in the X-API-Key header.")
    try:
        await _authenticate(opener, x_api_key)
    except DomainError as exc:
        return error_response(STATUS_BY_CODE.get(exc.code, 400), exc.code, exc.message, exc.fields)
    raw = await read_capped(request, MAX_BODY)
    leads, body = decode_intake(raw), None
    if leads is None:  # not provably valid: the reference path finds the exact error (or accepts it)
        try:
            body = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            return error_response(
                400, "validation_error", "The body is not valid JSON.", {"body": "is not valid JSON"}
            )
    try:
        answers = await _intake(opener, x_api_key, leads, body)
    except RateLimited as exc:
        return error_response(429, exc.code, exc.message, headers={"Retry-After": str(exc.wait)})
    except DomainError as exc:
        return error_response(STATUS_BY_CODE.get(exc.code, 400), exc.code, exc.message, exc.fields)
    return Response(msgspec.json.encode({"leads": answers}), 201, media_type="application/json")
