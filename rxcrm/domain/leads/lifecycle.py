"""Leads (spec §2): what a valid lead is, its lifecycle, its list states and what anonymizing erases."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rxcrm.domain.errors import Conflict, ValidationFailed
from rxcrm.domain.leads.duplicates import email_key, name_company_key, phone_key
from rxcrm.domain.records.custom_fields import check_custom_values
from rxcrm.domain.records.validation import (
    FieldErrors,
    check_choice,
    check_contact_details,
    clean_text,
    pick_texts,
    record_id,
)

OPEN = "open"
QUALIFIED = "qualified"
DISQUALIFIED = "disqualified"
STATUSES = (OPEN, QUALIFIED, DISQUALIFIED)
PRIORITIES = ("low", "normal", "high")
TEXT_FIELDS = ("name", "company", "email", "phone", "country", "source")
LINK_FIELDS = ("campaign_id", "owner_id", "second_owner_id", "partner_id", "account_id")
REASON_LIMIT = 500
MAX_BATCH = 1000

# The lists of the lead pages, by sales-activity state (spec §2.2).
OPEN_LIST = "open"
UNTOUCHED = "untouched"
RECEIVED_TODAY = "today"
CALLED = "called"
ARCHIVED = "archived"
FREE_POOL = "free"
UNPROCESSED = "unprocessed"
LIST_STATES = (
    OPEN_LIST,
    UNTOUCHED,
    RECEIVED_TODAY,
    CALLED,
    QUALIFIED,
    DISQUALIFIED,
    ARCHIVED,
    FREE_POOL,
    UNPROCESSED,
)
STATE_LABELS = {
    OPEN_LIST: "Open",
    UNTOUCHED: "Untouched",
    RECEIVED_TODAY: "Received today",
    CALLED: "Called",
    QUALIFIED: "Qualified",
    DISQUALIFIED: "Disqualified",
    ARCHIVED: "Archived",
    FREE_POOL: "Free pool",
    UNPROCESSED: "Unprocessed",
}

LEADS_TOPIC = "leads"  # what open lead lists and dashboards listen to

# The routing a lead went through.
MANUAL = "manual"
ROUTED = "routed"
NOT_ROUTED = "unprocessed"


def validate_lead(data: Mapping[str, Any], creating: bool) -> dict[str, Any]:
    """Check a lead's fields (from a form, the API, the intake or a CSV row); return the cleaned values.

    A new lead needs a name or an e-mail address: without either nobody could ever reach it.
    """
    errors = FieldErrors()
    for field in TEXT_FIELDS:
        value = data.get(field)
        if value is not None and not isinstance(value, str):
            errors.add(field, "must be text")
    check_contact_details(errors, data, *TEXT_FIELDS)
    check_choice(errors, data, "status", STATUSES)
    check_choice(errors, data, "priority", PRIORITIES)
    for field in LINK_FIELDS:
        value = data.get(field)
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int) or record_id(value) is None
        ):
            errors.add(field, "must be the id of a record")
    check_custom_values(errors, data.get("custom"))
    reachable = any(isinstance(data.get(f), str) and clean_text(data[f]) for f in ("name", "email"))
    if (creating or ("name" in data and "email" in data)) and not reachable:
        errors.add("name", "a lead needs a name or an e-mail address")
    errors.raise_if_any()
    values: dict[str, Any] = pick_texts(data, TEXT_FIELDS)
    for field in (*LINK_FIELDS, "status", "priority"):
        if field in data:
            values[field] = data[field]
    if "custom" in data:
        values["custom"] = data["custom"] or {}
    return values


def duplicate_keys(
    name: str | None, company: str | None, email: str | None, phone: str | None
) -> dict[str, Any]:
    """The three keys a lead is compared by to find its duplicates."""
    return {
        "email_key": email_key(email),
        "phone_key": phone_key(phone),
        "name_key": name_company_key(name, company),
    }


def check_open(status: str, archived: bool, anonymized: bool, action: str) -> None:
    """Qualify, disqualify and edit only work on a lead that is still open and not erased."""
    if anonymized:
        raise Conflict(f"An anonymized lead cannot be {action}.")
    if status != OPEN:
        raise Conflict(f"The lead is already {status}; it cannot be {action}.")
    if archived and action != "unarchived":
        raise Conflict(f"An archived lead cannot be {action}; unarchive it first.")


def check_reason(reason: Any) -> str:
    """A disqualification always says why, in at most 500 characters."""
    text = clean_text(reason) if isinstance(reason, str) else None
    if not text:
        raise ValidationFailed.from_fields({"reason": "say why the lead is disqualified"})
    if len(text) > REASON_LIMIT:
        raise ValidationFailed.from_fields({"reason": f"must be at most {REASON_LIMIT} characters"})
    return text


def conversion_rate(leads: int, qualified: int) -> float:
    """Share of leads qualified into opportunities, in percent, one decimal."""
    return round(100 * qualified / leads, 1) if leads else 0.0


def split_person_name(name: str | None, email: str | None) -> tuple[str | None, str]:
    """First and last name of the person behind a lead ('Anna Maria Berg' -> 'Anna Maria', 'Berg')."""
    words = (name or "").split()
    if not words:
        return None, (email or "unknown").split("@")[0]
    return (" ".join(words[:-1]) or None), words[-1]


def account_for_lead(lead: Mapping[str, Any], account_type: str) -> dict[str, Any]:
    """The account a qualified lead creates: its company, or the person when no company is known."""
    first, last = split_person_name(lead.get("name"), lead.get("email"))
    common = {"email": lead.get("email"), "phone": lead.get("phone"), "country": lead.get("country")}
    if lead.get("company") and account_type != "person":
        return {"type": account_type, "name": lead["company"], **common}
    return {"type": "person", "first_name": first, "last_name": last, **common}


def contact_for_lead(lead: Mapping[str, Any]) -> dict[str, Any]:
    """The personal contact a qualified lead creates."""
    first, last = split_person_name(lead.get("name"), lead.get("email"))
    return {"first_name": first, "last_name": last, "email": lead.get("email"), "phone": lead.get("phone")}


def opportunity_name(lead: Mapping[str, Any]) -> str:
    """The suggested name of the deal a lead becomes."""
    return str(lead.get("company") or lead.get("name") or lead.get("email") or "New opportunity")[:200]
