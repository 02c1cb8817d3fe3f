"""The intake's fast path: a request body decoded and checked by msgspec (compiled) instead of Python.

It answers only when the body is valid, and then with exactly the leads `validate_batch` would
return (None values left out: they mean "not given" downstream). Anything it cannot vouch for —
malformed JSON, a wrong type, an unknown field, a missing name and e-mail, a bad e-mail, phone or
custom value, an empty or oversized batch — returns None, and the caller runs the reference path
(`json.loads` + `validate_batch`), so every error keeps its status, message and field path.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

import msgspec

from rxcrm.domain.leads.lifecycle import MAX_BATCH
from rxcrm.domain.records.custom_fields import check_custom_values
from rxcrm.domain.records.validation import MAX_ID, PHONE_PATTERN, SHORT_TEXT, FieldErrors, is_email

Text = Annotated[str, msgspec.Meta(max_length=SHORT_TEXT)] | None
Link = Annotated[int, msgspec.Meta(ge=1, le=MAX_ID)] | None


class LeadIn(msgspec.Struct, forbid_unknown_fields=True):
    """One intake lead as the contract allows it (the fields of `lead_intake.INTAKE_FIELDS`)."""

    name: Text = None
    company: Text = None
    email: Text = None
    phone: Text = None
    country: Text = None
    source: Text = None
    campaign_id: Link = None
    priority: Literal["low", "normal", "high"] | None = None
    partner_id: Link = None
    custom: msgspec.Raw = msgspec.Raw()  # read by json.loads, as the reference path reads it


class BatchIn(msgspec.Struct, forbid_unknown_fields=True):
    """`{"leads": [...]}` and nothing beside it."""

    leads: list[LeadIn]


_ONE = msgspec.json.Decoder(LeadIn)
_BATCH = msgspec.json.Decoder(BatchIn)


def decode_intake(raw: bytes) -> list[dict[str, Any]] | None:
    """The body's cleaned leads when all are valid; None means: run the reference path for the answer."""
    try:
        leads = _decoded(raw)
    except msgspec.MsgspecError:
        return None
    if not leads or len(leads) > MAX_BATCH:
        return None
    cleaned = []
    for lead in leads:
        values = _clean(lead)
        if values is None:
            return None
        cleaned.append(values)
    return cleaned


def _decoded(raw: bytes) -> list[LeadIn]:
    if b'"leads"' in raw:
        try:
            return _BATCH.decode(raw).leads
        except msgspec.MsgspecError:
            pass
    return [_ONE.decode(raw)]


def _clean(lead: LeadIn) -> dict[str, Any] | None:
    """`validate_lead(…, creating=True)` for a lead msgspec has type-checked; None on any error."""
    values: dict[str, Any] = {}
    # the six texts unrolled (no zip, no tuple per lead): this runs for every lead of every intake
    if lead.name is not None and (text := lead.name.strip()):
        values["name"] = text
    if lead.company is not None and (text := lead.company.strip()):
        values["company"] = text
    if lead.email is not None and (text := lead.email.strip()):
        values["email"] = text
    if lead.phone is not None and (text := lead.phone.strip()):
        values["phone"] = text
    if lead.country is not None and (text := lead.country.strip()):
        values["country"] = text
    if lead.source is not None and (text := lead.source.strip()):
        values["source"] = text
    campaign_id, priority, partner_id, custom = lead.campaign_id, lead.priority, lead.partner_id, lead.custom
    if "name" not in values and "email" not in values:
        return None
    if "email" in values and not is_email(values["email"]):
        return None
    if "phone" in values and not PHONE_PATTERN.match(values["phone"]):
        return None
    if campaign_id is not None:
        values["campaign_id"] = campaign_id
    if partner_id is not None:
        values["partner_id"] = partner_id
    if priority is not None:
        values["priority"] = priority
    if custom:
        try:
            custom = json.loads(bytes(custom))
        except ValueError:  # also UnicodeDecodeError
            return None
        errors = FieldErrors()
        check_custom_values(errors, custom)
        if errors.fields:
            return None
        if custom:
            values["custom"] = custom
    return values
