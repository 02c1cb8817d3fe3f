"""Contact types and channels (spec §5.2, §7): the ways to reach a contact beyond its e-mail and phone.

A contact type is admin-edited configuration (name and kind); its kind says how a value is checked and
shown: `email` (a mailto link), `phone` (a tel link), `url` (a web link, http or https only, so a stored
value can never become a `javascript:` link) or `text` (shown as it is, e.g. a Skype name).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from rxcrm.domain.records.validation import PHONE_PATTERN, SHORT_TEXT, FieldErrors, is_email
from rxcrm.domain.settings.ordered_lists import EntryRules

CHANNEL_KINDS = ("email", "phone", "url", "text")
KIND_LABELS = {"email": "E-mail", "phone": "Phone", "url": "Web link", "text": "Text"}
CONTACT_TYPE_RULES = EntryRules(
    kinds=CHANNEL_KINDS,
    default_kind="text",
    max_name=60,
    defaults=(
        ("E-mail", "email"),
        ("Phone", "phone"),
        ("Mobile", "phone"),
        ("Skype", "text"),
        ("LinkedIn", "url"),
        ("Website", "url"),
    ),
)
MAX_CHANNELS = 50
WEB_SCHEMES = ("http", "https")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\s]")
_TEXT_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def web_address(value: str) -> str | None:
    """An http(s) address as stored: `www.example.com` gets https://; any other scheme is refused (None)."""
    if _CONTROL.search(value):
        return None
    scheme = _SCHEME.match(value)
    if scheme is None:
        value = "https://" + value
    elif scheme[1].lower() not in WEB_SCHEMES:
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    host = parts.hostname or ""
    return value if parts.scheme.lower() in WEB_SCHEMES and "." in host.strip(".") else None


def clean_channel_value(kind: str, value: Any) -> str:
    """A channel's value checked by its type's kind and trimmed; raises a validation error naming `value`."""
    errors = FieldErrors()
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        errors.add("value", "is required")
    elif len(text) > SHORT_TEXT:
        errors.add("value", f"must be at most {SHORT_TEXT} characters")
    elif kind == "email" and not is_email(text):
        errors.add("value", "is not a valid e-mail address")
    elif kind == "phone" and not PHONE_PATTERN.match(text):
        errors.add("value", "is not a valid phone number (digits, spaces and + ( ) . / - only)")
    elif kind == "url":
        address = web_address(text)
        if address is None:
            errors.add("value", "is not a web address (http:// or https://, like www.example.com)")
        text = address or text
    elif _TEXT_CONTROL.search(text):
        errors.add("value", "must not contain control characters")
    errors.raise_if_any()
    return text


def channel_href(kind: str, value: str) -> str:
    """Where a channel's link leads: mailto:, tel:, the web address; '' for text (no link) or a bad value."""
    if kind == "email" and is_email(value):
        return "mailto:" + value
    if kind == "phone" and PHONE_PATTERN.match(value):
        return "tel:" + "".join(c for c in value if c.isdigit() or c == "+")
    if kind == "url":
        address = web_address(value)
        return address if address is not None and address == value else ""
    return ""
