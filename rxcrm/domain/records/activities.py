"""Sales activities: calls, meetings, e-mails and tasks logged on CRM records."""

from __future__ import annotations

from typing import Any

from rxcrm.domain.records.validation import LONG_TEXT, FieldErrors, check_choice, check_length

ACTIVITY_ENTITIES = ("lead", "opportunity", "account", "partner", "contact")
DEFAULT_CATEGORIES = (
    ("Call", "phone"),
    ("Meeting", "users"),
    ("E-mail", "mail"),
    ("Task", "square-check"),
    ("Demo", "presentation"),
    ("Note", "notebook-pen"),
)


def validate_activity(data: dict[str, Any], creating: bool) -> None:
    """An activity names its record and category and may carry a note."""
    errors = FieldErrors()
    if creating:
        for field in ("entity", "entity_id", "category_id"):
            if data.get(field) in (None, ""):
                errors.add(field, "is required")
    check_choice(errors, data, "entity", ACTIVITY_ENTITIES)
    check_length(errors, data, LONG_TEXT, "note")
    errors.raise_if_any()
