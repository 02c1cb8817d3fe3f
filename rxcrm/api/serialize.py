"""Turning records into the contract's JSON shapes (money as strings, times ISO 8601)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote as url_quote

from fastapi import Response
from sqlmodel import Session, SQLModel

from rxcrm.db.schemas.shapes import HIDDEN
from rxcrm.services.people.access import ENTITY_OF
from rxcrm.services.people.field_visibility import hidden_for_viewer, without_hidden
from rxcrm.services.records.listing import Page


def public(record: SQLModel, **extra: Any) -> dict[str, Any]:
    """A record as JSON-ready dict without secrets."""
    data = record.model_dump(mode="json", exclude=set(HIDDEN))
    data.update(extra)
    return data


def authored(record: Any, *names: str) -> dict[str, Any]:
    """The record's named fields, who made it (`created_by`) and when (`created_at`, ISO 8601)."""
    fields = {name: getattr(record, name) for name in names}
    return {**fields, "created_by": record.created_by_id, "created_at": record.created_at.isoformat()}


def page_body(page: Page, items: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The contract's list envelope."""
    return {
        "items": items if items is not None else [public(i) for i in page.items],
        "total": page.total,
        "limit": page.limit,
        "offset": page.offset,
    }


def whole_list(items: list[Any]) -> dict[str, Any]:
    """A list answered whole, in the contract's list envelope: one page holding every item."""
    return {"items": items, "total": len(items), "limit": len(items), "offset": 0}


def record_out(session: Session, record: SQLModel, **extra: Any) -> dict[str, Any]:
    """A CRM record as JSON, without the fields hidden from the acting user (spec §1.7)."""
    entity = ENTITY_OF.get(type(record))
    hidden = hidden_for_viewer(session, entity) if entity else set()
    return without_hidden(public(record, **extra), hidden)


def records_page(session: Session, page: Page) -> dict[str, Any]:
    """A list envelope of CRM records, hidden fields left out."""
    return page_body(page, [record_out(session, item) for item in page.items])


def file_answer(description: str, *media_types: str) -> dict[int | str, dict[str, Any]]:
    """The `responses=` of a route answering a file (not JSON): its media types, a binary string."""
    schema = {"type": "string", "format": "binary"}
    return {200: {"description": description, "content": {m: {"schema": schema} for m in media_types}}}


def attachment_disposition(filename: str) -> str:
    """A download's Content-Disposition: never inline, the UTF-8 name in `filename*` (RFC 5987)."""
    printable = "".join(c if " " <= c < "\x7f" else "_" for c in filename)
    ascii_name = printable.replace('"', "_").replace("\\", "_")  # the stand-in for older clients
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{url_quote(filename, safe='')}"


def file_download(filename: str, content_type: str, data: bytes) -> Response:
    """A file as a download (never shown inline), its name as `attachment_disposition` writes it."""
    headers = {"Content-Disposition": attachment_disposition(filename)}
    return Response(content=data, media_type=content_type, headers=headers)
