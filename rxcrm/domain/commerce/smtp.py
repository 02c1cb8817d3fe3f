"""The admin's mail server settings: which fields there are, their defaults and what makes them valid."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from rxcrm.domain.records.validation import FieldErrors, clean_text, is_email, whole_number

DEFAULT_PORT = 587
DEFAULT_SENDER = "crm@localhost"
HOST = re.compile(r"[A-Za-z0-9._-]+|\[?[0-9A-Fa-f:.]+\]?")
TEXT_LIMITS = {"host": 255, "user": 320, "password": 1000, "sender": 320}
EMPTY: dict[str, Any] = {
    "host": None,
    "port": DEFAULT_PORT,
    "starttls": True,
    "user": None,
    "password": None,
    "sender": None,
}


def _port(errors: FieldErrors, value: Any) -> int:
    number = whole_number(value)
    if value in (None, ""):
        return DEFAULT_PORT
    if number is None or not 1 <= number <= 65535:
        errors.add("port", "must be a port number from 1 to 65535")
        return DEFAULT_PORT
    return number


def _texts(errors: FieldErrors, changes: Mapping[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for field, limit in TEXT_LIMITS.items():
        if field not in changes:
            continue
        raw = changes[field]
        if raw is not None and not isinstance(raw, str):
            errors.add(field, "must be text")
            continue
        values[field] = raw if field == "password" and raw else clean_text(raw)
        if values[field] is not None and len(values[field]) > limit:
            errors.add(field, f"must be at most {limit} characters")
    return values


def merge_smtp(stored: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """The stored mail server settings with the changes applied, checked as a whole.

    A field left out keeps its value (so the write-only password stays unless it is given; `""` or
    null clears it). The host is required as soon as anything else is set; the port is 1 to 65535;
    the sender must look like an e-mail address.
    """
    errors = FieldErrors()
    unknown = sorted(set(changes) - set(EMPTY))
    for field in unknown:
        errors.add(field, "is not a mail server setting")
    merged = {**EMPTY, **{k: v for k, v in stored.items() if k in EMPTY}, **_texts(errors, changes)}
    if "port" in changes:
        merged["port"] = _port(errors, changes["port"])
    if "starttls" in changes:
        if not isinstance(changes["starttls"], bool):
            errors.add("starttls", "must be true or false")
        else:
            merged["starttls"] = changes["starttls"]
    if merged["host"] is not None and not HOST.fullmatch(merged["host"]):
        errors.add("host", "must be a host name or an IP address (no scheme, port or spaces)")
    if merged["sender"] is not None and not is_email(merged["sender"]):
        errors.add("sender", "is not a valid e-mail address")
    if merged["host"] is None and any(merged[f] for f in ("user", "password", "sender")):
        errors.add("host", "is required when a user, password or sender is set")
    if merged["password"] and not merged["user"]:
        errors.add("user", "is required with a password")
    errors.raise_if_any()
    return merged


def public_smtp(stored: Mapping[str, Any]) -> dict[str, Any]:
    """The settings as they may be shown: everything but the password, which only says whether it is set."""
    values = {**EMPTY, **{k: v for k, v in stored.items() if k in EMPTY}}
    password = values.pop("password")
    return {**values, "password_set": bool(password)}
