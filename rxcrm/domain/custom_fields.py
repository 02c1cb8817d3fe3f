"""Custom field values: a flat object of short scalar values per record."""

from __future__ import annotations

from typing import Any

from rxcrm.domain.validation import FieldErrors

MAX_CUSTOM_FIELDS = 100
MAX_CUSTOM_KEY = 64
MAX_CUSTOM_TEXT = 2000


def check_custom_values(errors: FieldErrors, custom: Any) -> None:
    """Custom values are an object of named text, number, boolean or null values."""
    if custom is None:
        return
    if not isinstance(custom, dict):
        errors.add("custom", "must be an object of field names and values")
        return
    if len(custom) > MAX_CUSTOM_FIELDS:
        errors.add("custom", f"may hold at most {MAX_CUSTOM_FIELDS} fields")
    for key, value in custom.items():
        if not isinstance(key, str) or not key.strip() or len(key) > MAX_CUSTOM_KEY:
            errors.add("custom", f"field names must be 1 to {MAX_CUSTOM_KEY} characters")
        elif value is not None and not isinstance(value, str | int | float | bool):
            errors.add(f"custom.{key}", "must be text, a number, true/false or empty")
        elif isinstance(value, str) and len(value) > MAX_CUSTOM_TEXT:
            errors.add(f"custom.{key}", f"must be at most {MAX_CUSTOM_TEXT} characters")
