"""Accounts: the companies and people a team sells to, and their field sets per type."""

from __future__ import annotations

from typing import Any

from rxcrm.domain.records.custom_fields import check_custom_values
from rxcrm.domain.records.validation import (
    FieldErrors,
    check_choice,
    check_contact_details,
    check_required,
    clean_text,
    pick_texts,
)

ACCOUNT_TYPES = ("company", "person", "other")
PERSON_ONLY = ("first_name", "last_name")
COMPANY_ONLY = ("registration_no", "vat_no", "industry")
ADDRESS = ("street", "city", "zip", "country")
TEXT_FIELDS = ("name", *PERSON_ONLY, "company", "email", "phone", *ADDRESS, *COMPANY_ONLY, "website")
FIELDS_BY_TYPE: dict[str, tuple[str, ...]] = {
    "company": ("name", "email", "phone", "website", *ADDRESS, *COMPANY_ONLY),
    "person": (*PERSON_ONLY, "company", "email", "phone", *ADDRESS),
    "other": ("name", "email", "phone", "website", *ADDRESS, "industry"),
}


def account_display_name(account_type: str, data: dict[str, Any]) -> str:
    """A person's account is called by first and last name, others by their name."""
    if account_type == "person":
        parts = [clean_text(data.get("first_name")), clean_text(data.get("last_name"))]
        return " ".join(p for p in parts if p)
    return clean_text(data.get("name")) or ""


def validate_account(data: dict[str, Any]) -> dict[str, Any]:
    """Check an account's complete field set and return it cleaned for its type."""
    errors = FieldErrors()
    account_type = data.get("type") or "company"
    check_choice(errors, {"type": account_type}, "type", ACCOUNT_TYPES)
    if account_type == "person":
        check_required(errors, data, "last_name")
    else:
        check_required(errors, data, "name")
    check_contact_details(errors, data, *TEXT_FIELDS)
    if data.get("is_private") and data.get("is_global"):
        errors.add("is_global", "an account cannot be private and global at once")
    check_custom_values(errors, data.get("custom"))
    errors.raise_if_any()
    cleaned = pick_texts(data, TEXT_FIELDS)
    if account_type in ACCOUNT_TYPES:
        allowed = set(FIELDS_BY_TYPE[account_type]) | {"name"}
        for field in TEXT_FIELDS:
            if field in cleaned and field not in allowed:
                cleaned[field] = None
    cleaned["type"] = account_type
    cleaned["name"] = account_display_name(account_type, {**data, **cleaned})
    return cleaned


def check_parent(account_id: int | None, parent_id: int | None, ancestors: list[int]) -> None:
    """A sub-account cannot be its own parent nor sit below one of its own sub-accounts."""
    errors = FieldErrors()
    if (
        parent_id is not None
        and account_id is not None
        and (parent_id == account_id or account_id in ancestors)
    ):
        errors.add("parent_id", "would make the account its own parent")
    errors.raise_if_any()


def map_link(data: dict[str, Any]) -> str | None:
    """An OpenStreetMap search link for the account's address, when it has one."""
    from urllib.parse import quote_plus

    parts = [data.get(k) for k in ("street", "zip", "city", "country")]
    address = ", ".join(p for p in parts if p)
    if not address:
        return None
    return f"https://www.openstreetmap.org/search?query={quote_plus(address)}"
