"""Request bodies read with a byte cap: an oversized body is refused without being read to its end."""

from __future__ import annotations

from collections.abc import AsyncIterator

from fastapi import Request
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rxcrm.api.errors import error_response


class BodyTooLarge(HTTPException):
    """A request body over the route's cap: 413 in the contract's error shape."""

    def __init__(self, cap: int) -> None:
        super().__init__(413, f"The body is larger than {_size(cap)}.")


def _size(cap: int) -> str:
    return f"{cap // 2**20} MB" if cap >= 2**20 else f"{cap // 1024} KB"


def _announced(request: Request) -> int:
    try:
        return int(request.headers.get("content-length") or 0)
    except ValueError:
        return 0


async def capped_stream(request: Request, cap: int) -> AsyncIterator[bytes]:
    """The body's chunks; BodyTooLarge as soon as more than `cap` bytes arrived (or are announced)."""
    if _announced(request) > cap:
        raise BodyTooLarge(cap)
    received = 0
    async for chunk in request.stream():
        received += len(chunk)
        if received > cap:
            raise BodyTooLarge(cap)
        yield chunk


async def read_capped(request: Request, cap: int) -> bytes:
    """The whole body, at most `cap` bytes."""
    return b"".join([chunk async for chunk in capped_stream(request, cap)])


async def form_capped(request: Request, cap: int, max_files: int = 1, max_fields: int = 5) -> FormData:
    """A multipart form parsed while it streams in, at most `cap` bytes."""
    stream = capped_stream(request, cap)
    parser = MultiPartParser(request.headers, stream, max_files=max_files, max_fields=max_fields)
    try:
        return await parser.parse()
    except MultiPartException as exc:
        raise HTTPException(400, exc.message) from None


class UploadCap:
    """ASGI middleware: the app's file uploads (Reflex's /_upload) answer 413 above `cap` bytes.

    Reflex reads an upload whole before the page's handler runs, so the cap must sit in front of it:
    an announced length over the cap is refused at once, a longer stream is cut off at the cap.
    """

    def __init__(self, app: ASGIApp, cap: int, path: str = "/_upload") -> None:
        self.app, self.cap, self.path = app, cap, path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Refuse or cut off oversized uploads; everything else passes untouched."""
        if scope["type"] != "http" or not scope["path"].startswith(self.path):
            await self.app(scope, receive, send)
            return
        if _announced(Request(scope)) > self.cap:
            response = error_response(413, "validation_error", BodyTooLarge(self.cap).detail)
            await response(scope, receive, send)
            return
        received = 0

        async def capped_receive() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            return {"type": "http.disconnect"} if received > self.cap else message

        await self.app(scope, capped_receive, send)
