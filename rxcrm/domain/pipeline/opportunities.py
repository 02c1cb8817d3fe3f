"""Opportunities: validation of their fields and of the reason a deal was lost."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from rxcrm.domain.errors import ValidationFailed
from rxcrm.domain.pipeline.board import REASON_LIMIT
from rxcrm.domain.records.custom_fields import check_custom_values
from rxcrm.domain.records.validation import (
    SHORT_TEXT,
    FieldErrors,
    check_length,
    check_required,
    parse_money,
)

CURRENCY_LENGTH = 3
MAX_TAGS = 20


def validate_opportunity(data: dict[str, Any], creating: bool) -> dict[str, Any]:
    """Check an opportunity's fields and return the amount as an exact Decimal."""
    errors = FieldErrors()
    if creating:
        check_required(errors, data, "name")
    check_length(errors, data, SHORT_TEXT, "name")
    cleaned: dict[str, Any] = {}
    if "amount" in data and data["amount"] is not None:
        try:
            cleaned["amount"] = parse_money(data["amount"])
            if cleaned["amount"] < Decimal(0):
                errors.add("amount", "must not be negative")
        except ValueError as exc:
            errors.add("amount", str(exc))
    currency = data.get("currency")
    if currency is not None and (
        not isinstance(currency, str) or len(currency) != CURRENCY_LENGTH or not currency.isalpha()
    ):
        errors.add("currency", "must be a three-letter ISO 4217 code like EUR")
    close_date = data.get("close_date")
    if close_date is not None and not isinstance(close_date, date):
        errors.add("close_date", "must be a date (YYYY-MM-DD)")
    tags = data.get("tags")
    if tags is not None and (
        not isinstance(tags, list)
        or len(tags) > MAX_TAGS
        or not all(isinstance(t, str) and 0 < len(t) <= 40 for t in tags)
    ):
        errors.add("tags", f"must be a list of at most {MAX_TAGS} short labels")
    check_custom_values(errors, data.get("custom"))
    errors.raise_if_any()
    if isinstance(currency, str):
        cleaned["currency"] = currency.upper()
    return cleaned


def check_lost_reason(reason: Any, field: str = "lost_reason") -> str:
    """A lost deal always says why: the reason trimmed, refused when blank or over the limit."""
    text = reason.strip() if isinstance(reason, str) else ""
    if not text:
        raise ValidationFailed.from_fields({field: "say why the deal was lost"})
    if len(text) > REASON_LIMIT:
        raise ValidationFailed.from_fields({field: f"must be at most {REASON_LIMIT} characters"})
    return text
