"""Turning records into the contract's JSON shapes (money as strings, times ISO 8601)."""

from __future__ import annotations

from typing import Any

from sqlmodel import SQLModel

from rxcrm.services.listing import Page

HIDDEN = {"password_hash", "key_hash", "token_hash"}


def public(record: SQLModel, **extra: Any) -> dict[str, Any]:
    """A record as JSON-ready dict without secrets."""
    data = record.model_dump(mode="json", exclude=HIDDEN)
    data.update(extra)
    return data


def page_body(page: Page, items: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The contract's list envelope."""
    return {
        "items": items if items is not None else [public(i) for i in page.items],
        "total": page.total,
        "limit": page.limit,
        "offset": page.offset,
    }
