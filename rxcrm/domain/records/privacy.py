"""GDPR erasure: which fields hold personal data per entity, what they become, and how a text is scrubbed."""

from __future__ import annotations

import re
from collections.abc import Iterable

ANONYMIZED = "(anonymized)"
ERASED = "(erased)"
MIN_TERM = 3  # shorter values (initials, "Li") would wipe unrelated texts
CONTACT_PERSONAL_FIELDS = ("salutation", "first_name", "last_name", "email", "phone", "mobile", "position")
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
# A person account: name, employer, address, ways to reach them (country stays for statistics).
ACCOUNT_PERSONAL_FIELDS = (
    "name",
    "first_name",
    "last_name",
    "company",
    "email",
    "phone",
    "street",
    "city",
    "zip",
)
PERSONAL_FIELDS: dict[str, tuple[str, ...]] = {
    "lead": LEAD_PERSONAL_FIELDS,
    "contact": (*CONTACT_PERSONAL_FIELDS, "custom", "channels"),  # channels: Skype, LinkedIn…
    "account": (*ACCOUNT_PERSONAL_FIELDS, "custom"),
}
# Values that identify the person when met in another text (a notification, a deal name, a note).
TERM_FIELDS = ("name", "email", "phone", "mobile")
REACH_FIELDS = ("email", "phone", "mobile")
_QUOTED = re.compile(r"'.*'")


def anonymized_contact_values() -> dict[str, object]:
    """A contact's personal fields after erasure: the last name says it was anonymized."""
    values: dict[str, object] = {
        f: (ANONYMIZED if f == "last_name" else None) for f in CONTACT_PERSONAL_FIELDS
    }
    values["custom"] = {}
    return values


def anonymized_lead_values() -> dict[str, object]:
    """A lead's personal fields after erasure: the name says it was anonymized, the rest is empty."""
    values: dict[str, object] = dict.fromkeys(LEAD_PERSONAL_FIELDS)
    values.update(name=ANONYMIZED, custom={}, anonymized=True)
    return values


def anonymized_account_values() -> dict[str, object]:
    """A person account's personal fields after erasure: name and last name say it was anonymized."""
    values: dict[str, object] = dict.fromkeys(ACCOUNT_PERSONAL_FIELDS)
    values.update(name=ANONYMIZED, last_name=ANONYMIZED, custom={})
    return values


ANONYMIZED_VALUES = {
    "lead": anonymized_lead_values,
    "contact": anonymized_contact_values,
    "account": anonymized_account_values,
}


def full_name(first: str | None, last: str | None) -> str:
    """First and last name as one line (as record labels show them)."""
    return " ".join(p.strip() for p in (first, last) if p and p.strip())


def person_terms(values: Iterable[str | None]) -> tuple[str, ...]:
    """The distinct values naming or reaching the person, longest first ('Anna M. Berg' before 'Anna')."""
    seen: dict[str, str] = {}
    for value in values:
        text = (value or "").strip()
        if len(text) >= MIN_TERM and text != ANONYMIZED and text != ERASED:
            seen.setdefault(text.casefold(), text)
    return tuple(sorted(seen.values(), key=lambda t: (-len(t), t)))


def mentions(text: str | None, terms: Iterable[str]) -> bool:
    """Whether a text names the person (case-insensitive)."""
    folded = (text or "").casefold()
    return bool(folded) and any(t.casefold() in folded for t in terms)


def scrub(text: str | None, terms: Iterable[str]) -> str | None:
    """The text with every mention of the person replaced by '(anonymized)'."""
    if not text:
        return text
    for term in terms:
        text = re.sub(re.escape(term), ANONYMIZED, text, flags=re.IGNORECASE)
    return text


def scrub_record_name(message: str, terms: Iterable[str]) -> str:
    """A notification about the erased record: its quoted name becomes '(anonymized)', other mentions too."""
    return _QUOTED.sub(f"'{ANONYMIZED}'", scrub(message, terms) or "", count=1)


def same_person(terms: Iterable[str], others: Iterable[str]) -> bool:
    """Two records describe the same person when they share a name, e-mail address or phone number."""
    return bool({t.casefold() for t in terms} & {o.casefold() for o in others})
