"""Personal contacts: the people at accounts (employees) and partners (consultants)."""

from __future__ import annotations

from typing import Any

from rxcrm.domain.records.custom_fields import check_custom_values
from rxcrm.domain.records.validation import (
    FieldErrors,
    check_choice,
    check_contact_details,
    check_phone,
    check_required,
    pick_texts,
)

CONTACT_KINDS = ("employee", "consultant")
TEXT_FIELDS = ("first_name", "last_name", "email", "phone", "mobile", "position", "salutation")


def validate_contact(data: dict[str, Any]) -> dict[str, Any]:
    """Check a personal contact: a last name, e-mail/phone form, and who he/she works for."""
    errors = FieldErrors()
    check_required(errors, data, "last_name")
    check_contact_details(errors, data, *TEXT_FIELDS)
    check_phone(errors, data, "mobile")
    kind = data.get("kind") or "employee"
    check_choice(errors, {"kind": kind}, "kind", CONTACT_KINDS)
    if kind == "consultant" and not data.get("partner_id"):
        errors.add("partner_id", "a consultant belongs to a partner")
    check_custom_values(errors, data.get("custom"))
    errors.raise_if_any()
    cleaned = pick_texts(data, TEXT_FIELDS)
    cleaned["kind"] = kind
    return cleaned


def contact_display_name(first_name: str | None, last_name: str | None) -> str:
    """A contact is shown as first name then last name."""
    return " ".join(p for p in (first_name, last_name) if p)
