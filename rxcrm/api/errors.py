"""The contract's error format: {"error": {"code", "message", "fields"}} with 4xx statuses."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from rxcrm.domain.errors import DomainError, TooManyAttempts

STATUS_BY_CODE = {
    "validation_error": 422,
    "not_found": 404,
    "forbidden": 403,
    "conflict": 409,
    "unauthorized": 401,
    "rate_limited": 429,
}
CODE_BY_STATUS = {
    400: "validation_error",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "validation_error",
    409: "conflict",
    413: "validation_error",
    422: "validation_error",
    429: "rate_limited",
}


def error_response(
    status: int,
    code: str,
    message: str,
    fields: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """A JSON error body in the contract's shape."""
    body = {"error": {"code": code, "message": message, "fields": fields or {}}}
    return JSONResponse(body, status_code=status, headers=headers)


def _field_name(location: tuple[Any, ...]) -> str:
    parts = [str(p) for p in location if p not in ("body", "query", "path")]
    return ".".join(parts) or "body"


async def _domain_error(_: Request, exc: DomainError) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if exc.code == "unauthorized" else None
    if isinstance(exc, TooManyAttempts):
        headers = {"Retry-After": str(exc.retry_after)}
    return error_response(STATUS_BY_CODE[exc.code], exc.code, exc.message, exc.fields, headers)


async def _request_validation(_: Request, exc: RequestValidationError) -> JSONResponse:
    fields: dict[str, str] = {}
    for problem in exc.errors():
        fields.setdefault(_field_name(tuple(problem.get("loc", ()))), problem.get("msg", "is invalid"))
    first = next(iter(fields.items()), ("body", "is invalid"))
    return error_response(422, "validation_error", f"Invalid request — {first[0]}: {first[1]}", fields)


async def _http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
    code = CODE_BY_STATUS.get(exc.status_code, "validation_error")
    return error_response(exc.status_code, code, str(exc.detail), headers=getattr(exc, "headers", None))


def install_error_handlers(app: FastAPI) -> None:
    """Every error leaves the API in the contract's format."""
    app.add_exception_handler(DomainError, _domain_error)
    app.add_exception_handler(RequestValidationError, _request_validation)
    app.add_exception_handler(StarletteHTTPException, _http_error)
