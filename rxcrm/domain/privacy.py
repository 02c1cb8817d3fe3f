"""GDPR erasure: which fields hold personal data and what they become."""

from __future__ import annotations

ANONYMIZED = "(anonymized)"
CONTACT_PERSONAL_FIELDS = ("salutation", "first_name", "last_name", "email", "phone", "mobile", "position")


def anonymized_contact_values() -> dict[str, str | None]:
    """A contact's personal fields after erasure: the last name says it was anonymized."""
    return {field: (ANONYMIZED if field == "last_name" else None) for field in CONTACT_PERSONAL_FIELDS}


LEAD_PERSONAL_FIELDS = (
    "name",
    "company",
    "email",
    "phone",
    "email_key",
    "phone_key",
    "name_key",
    "custom",
    "disqualify_reason",
)


def anonymized_lead_values() -> dict[str, object]:
    """A lead's personal fields after erasure: the name says it was anonymized, the rest is empty."""
    values: dict[str, object] = dict.fromkeys(LEAD_PERSONAL_FIELDS)
    values.update(name=ANONYMIZED, custom={}, anonymized=True)
    return values
