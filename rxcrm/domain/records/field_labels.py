"""Field keys as people call them: the one mapping from a record's field key to its label."""

from __future__ import annotations

# Keys not listed read as their words ("vat_no" -> "Vat no", "contact_id" -> "Contact").
FIELD_LABELS = {
    "at": "Date",
    "category_id": "Category",
    "close_date": "Expected close",
    "custom": "Custom fields",
    "email": "E-mail",
    "lost_reason": "Reason",
    "owner_id": "Owner",
    "probability": "Probability",
    "reason": "Reason",
    "registration_no": "Registration no.",
    "second_owner_id": "Second manager",
    "stage_id": "Stage",
    "vat_no": "VAT no.",
    "zip": "ZIP",
}


def field_label(key: str, labels: dict[str, str] | None = None) -> str:
    """The label a form shows for a field key (`labels` are one form's own overrides)."""
    if labels and key in labels:
        return labels[key]
    if key in FIELD_LABELS:
        return FIELD_LABELS[key]
    words = key.rsplit(".", 1)[-1].removesuffix("_id").replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else key
