"""Users of the CRM: roles, access levels and password policy."""

from __future__ import annotations

from typing import Any

from rxcrm.domain.records.validation import (
    SHORT_TEXT,
    FieldErrors,
    check_choice,
    check_email,
    check_length,
    check_required,
)

ROLES = ("admin", "director", "rep", "partner")
ACCESS_LEVELS = ("full", "limited_crm", "limited_opportunities")
MIN_PASSWORD_LENGTH = 8
ROLE_LABELS = {"admin": "Admin", "director": "Sales director", "rep": "Sales rep", "partner": "Partner"}


def check_password(errors: FieldErrors, password: Any) -> None:
    """A password must be text of at least eight characters."""
    if not isinstance(password, str) or len(password) < MIN_PASSWORD_LENGTH:
        errors.add("password", f"must be at least {MIN_PASSWORD_LENGTH} characters")
    elif len(password) > 256:
        errors.add("password", "must be at most 256 characters")


def validate_user(data: dict[str, Any], creating: bool) -> None:
    """Check a user's fields: e-mail, name, role, access level, and password on creation."""
    errors = FieldErrors()
    if creating:
        check_required(errors, data, "email", "name")
    check_email(errors, data)
    check_length(errors, data, SHORT_TEXT, "email", "name")
    check_choice(errors, data, "role", ROLES)
    check_choice(errors, data, "access_level", ACCESS_LEVELS)
    if creating or data.get("password") is not None:
        check_password(errors, data.get("password"))
    if data.get("role") == "partner" and creating and not data.get("partner_id"):
        errors.add("partner_id", "is required for a partner user")
    errors.raise_if_any()


def normalize_email(email: str) -> str:
    """E-mail addresses compare case-insensitively and without surrounding blanks."""
    return email.strip().lower()


def initials(name: str) -> str:
    """Two letters standing for a person on avatars and cards."""
    parts = [p for p in name.split() if p]
    if not parts:
        return "?"
    if len(parts) == 1:
        return parts[0][:2].upper()
    return (parts[0][0] + parts[-1][0]).upper()
