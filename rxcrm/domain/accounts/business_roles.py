"""Business roles: the part a personal contact plays in a deal (decision maker, user, sponsor…)."""

from __future__ import annotations

from typing import Any

from rxcrm.domain.records.validation import FieldErrors, check_length, check_required, clean_text

ROLE_LIMIT = 100
NOTE_LIMIT = 1000


def validate_business_role(data: dict[str, Any]) -> dict[str, Any]:
    """A role names a contact and the part it plays (at most 100 characters), with an optional note."""
    errors = FieldErrors()
    check_required(errors, data, "role")
    if data.get("contact_id") is None:
        errors.add("contact_id", "is required")
    for field in ("role", "note"):
        if data.get(field) is not None and not isinstance(data[field], str):
            errors.add(field, "must be text")
    check_length(errors, data, ROLE_LIMIT, "role")
    check_length(errors, data, NOTE_LIMIT, "note")
    errors.raise_if_any()
    return {
        "contact_id": data["contact_id"],
        "role": clean_text(data["role"]),
        "note": clean_text(data.get("note")),
    }
