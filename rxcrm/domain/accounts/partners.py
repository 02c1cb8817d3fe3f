"""Partners (spec §5.3): the resellers and consultancies the team sells through, and their rules.

A partner that still has users, consultants, accounts, leads, deals or splitter shares cannot be
deleted: like Salesforce (an account with related records) and unlike Pipedrive (which silently
unlinks), the answer names what is left and suggests deactivating it instead, so no record loses its
partner — and no partner user the records he/she sees — by accident.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rxcrm.domain.errors import Conflict
from rxcrm.domain.records.custom_fields import check_custom_values
from rxcrm.domain.records.validation import (
    SHORT_TEXT,
    FieldErrors,
    check_email,
    check_length,
    check_phone,
    check_required,
    clean_text,
)

TEXT_LIMITS = {
    "name": SHORT_TEXT,
    "email": SHORT_TEXT,
    "phone": 40,
    "website": SHORT_TEXT,
    "street": SHORT_TEXT,
    "city": SHORT_TEXT,
    "zip": 20,
    "country": 100,
}
TEXT_FIELDS = tuple(TEXT_LIMITS)
WEBSITE_SCHEMES = ("http://", "https://")
RESULT_FIELDS = ("leads", "open_opportunities", "open_amount", "won_count", "won_amount", "weighted_forecast")


def validate_partner(data: Mapping[str, Any], creating: bool) -> dict[str, Any]:
    """Check a partner's fields (a name on create; e-mail, phone, website; lengths); return them cleaned."""
    errors = FieldErrors()
    if creating or "name" in data:
        check_required(errors, data, "name")
    for field, limit in TEXT_LIMITS.items():
        if data.get(field) is not None and not isinstance(data[field], str):
            errors.add(field, "must be text")
        else:
            check_length(errors, data, limit, field)
    check_email(errors, data)
    check_phone(errors, data)
    website = clean_text(data.get("website")) if isinstance(data.get("website"), str) else None
    if website and (" " in website or "." not in website or website.lower().startswith("javascript:")):
        errors.add("website", "is not a web address (like www.example.com)")
    if "custom" in data:
        check_custom_values(errors, data.get("custom"))
    errors.raise_if_any()
    cleaned = {k: clean_text(data[k]) for k in TEXT_FIELDS if k in data}
    if cleaned.get("website") and not cleaned["website"].lower().startswith(WEBSITE_SCHEMES):
        cleaned["website"] = "https://" + cleaned["website"]
    return cleaned


def check_partner_deletable(name: str, counts: Mapping[str, int]) -> None:
    """Refuse deleting a partner that records still point at, naming them (deactivate it instead)."""
    blocking = [f"{n} {label}" for label, n in counts.items() if n]
    if blocking:
        raise Conflict(
            f"'{name}' still has {', '.join(blocking)}: reassign them first, or deactivate the partner."
        )
