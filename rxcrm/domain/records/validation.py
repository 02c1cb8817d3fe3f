"""Field-level checks shared by every entity: required values, lengths, e-mail form."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from email_validator import SPECIAL_USE_DOMAIN_NAMES, EmailNotValidError, validate_email

from rxcrm.domain.errors import ValidationFailed

PHONE_PATTERN = re.compile(r"^[+()0-9 ./-]{3,40}$")
# The everyday address (ASCII dot-atom @ host names . letters): a subset of what email-validator accepts,
# checked by one regex in ~1 µs instead of ~20 µs — the intake checks every lead's address.
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
PLAIN_EMAIL = re.compile(rf"({_ATOM}(?:\.{_ATOM})*)@((?:{_LABEL}\.)+[A-Za-z]{{2,63}})")
_SPECIAL_DOMAINS = tuple(d for d in SPECIAL_USE_DOMAIN_NAMES if d != "test")  # `.test`: demo data
SHORT_TEXT = 200
LONG_TEXT = 5000


class FieldErrors:
    """Collects what is wrong with a form so the user sees every problem at once."""

    def __init__(self) -> None:
        self.fields: dict[str, str] = {}

    def add(self, field: str, message: str) -> None:
        """Remember the first problem found on a field."""
        self.fields.setdefault(field, message)

    def raise_if_any(self) -> None:
        """Raise one validation error naming every wrong field."""
        if self.fields:
            raise ValidationFailed.from_fields(self.fields)


MAX_ID = 2**31 - 1  # the largest id an INTEGER column holds


def whole_number(value: Any) -> int | None:
    """A whole number typed as plain ASCII digits ('²' or '٣' are not numbers here), else None."""
    text = str(value) if isinstance(value, str | int) and not isinstance(value, bool) else ""
    return int(text) if text.isascii() and text.isdecimal() and len(text) <= 18 else None


def record_id(value: Any) -> int | None:
    """A record id from text or a number (1 to 2^31-1, what the database stores), else None."""
    number = whole_number(value)
    return number if number is not None and 1 <= number <= MAX_ID else None


def clean_text(value: Any) -> str | None:
    """Trim a text input; empty text means no value."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def clean_texts(errors: FieldErrors, data: Mapping[str, Any], limits: Mapping[str, int]) -> dict[str, Any]:
    """The text fields given (trimmed, empty = None), each at most its limit of characters."""
    values: dict[str, Any] = {}
    for field, limit in limits.items():
        if field in data:
            values[field] = clean_text(data[field])
            if values[field] is not None and len(values[field]) > limit:
                errors.add(field, f"must be at most {limit} characters")
    return values


def check_required(errors: FieldErrors, data: Mapping[str, Any], *fields: str) -> None:
    """Each named field must carry a non-empty value."""
    for field in fields:
        if clean_text(data.get(field)) is None:
            errors.add(field, "is required")


def check_length(errors: FieldErrors, data: Mapping[str, Any], limit: int, *fields: str) -> None:
    """Text fields must not exceed `limit` characters."""
    for field in fields:
        value = data.get(field)
        if isinstance(value, str) and len(value) > limit:
            errors.add(field, f"must be at most {limit} characters")


def is_email(value: str) -> bool:
    """Whether a text is an e-mail address a mail server would accept (email-validator, no DNS look-up).

    The one e-mail check of every form, body and intake; `.test` addresses (demo data) are allowed.
    """
    if len(value) > 254:
        return False
    plain = PLAIN_EMAIL.fullmatch(value)
    if plain and len(plain[1]) <= 64 and "--" not in plain[2] and not _special_domain(plain[2].lower()):
        return True
    try:
        validate_email(value, check_deliverability=False, test_environment=True)
    except EmailNotValidError:
        return False
    return True


def _special_domain(domain: str) -> bool:
    return any(domain == d or domain.endswith("." + d) for d in _SPECIAL_DOMAINS)


def check_email(errors: FieldErrors, data: Mapping[str, Any], field: str = "email") -> None:
    """An e-mail, when given, must have the form name@domain.tld."""
    value = clean_text(data.get(field))
    if value is not None and not is_email(value):
        errors.add(field, "is not a valid e-mail address")


def check_phone(errors: FieldErrors, data: Mapping[str, Any], field: str = "phone") -> None:
    """A phone number, when given, holds only digits, spaces and + ( ) . / -."""
    value = clean_text(data.get(field))
    if value is not None and not PHONE_PATTERN.match(value):
        errors.add(field, "is not a valid phone number")


def check_contact_details(errors: FieldErrors, data: Mapping[str, Any], *text_fields: str) -> None:
    """A record's short texts stay within limits and its e-mail and phone, when given, are well-formed."""
    check_length(errors, data, SHORT_TEXT, *text_fields)
    check_email(errors, data)
    check_phone(errors, data)


def pick_texts(data: Mapping[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    """The given text fields present in `data`, trimmed (empty = None)."""
    return {field: clean_text(data[field]) for field in fields if field in data}


def check_choice(errors: FieldErrors, data: Mapping[str, Any], field: str, choices: tuple[str, ...]) -> None:
    """A field, when given, must hold one of the allowed values."""
    value = data.get(field)
    if value is not None and value not in choices:
        errors.add(field, f"must be one of: {', '.join(choices)}")


def parse_decimal(value: Any, places: int = 2, limit: Decimal = Decimal("1e16")) -> Decimal:
    """Read a number as an exact decimal with at most `places` decimals, below `limit` in size.

    Text and integers must not carry more decimals (nothing is rounded away silently); a JSON
    float is read through its shortest representation and rounded half up to `places`.
    """
    from_float = isinstance(value, float)
    if isinstance(value, bool) or value is None:
        raise ValueError("is not a valid number")
    try:
        number = Decimal(repr(value) if from_float else str(value).strip())
    except (InvalidOperation, ValueError) as exc:
        raise ValueError("is not a valid number") from exc
    if not number.is_finite():
        raise ValueError("is not a valid number")
    if abs(number) >= limit:
        raise ValueError("is too large")
    step = Decimal(1).scaleb(-places)
    if not from_float and number != number.quantize(step):
        raise ValueError(
            f"must have at most {places} decimals" if places != 2 else "must have at most two decimals"
        )
    return number.quantize(step, rounding=ROUND_HALF_UP)


def parse_money(value: Any) -> Decimal:
    """Read an amount as an exact decimal with two places (see `parse_decimal`)."""
    try:
        return parse_decimal(value, 2)
    except ValueError as exc:
        raise ValueError(str(exc).replace("number", "amount")) from exc


def read_day(errors: FieldErrors, value: Any, name: str) -> date | None:
    """An ISO day from input (empty = None); a wrong one is named in `errors`."""
    if value is None or isinstance(value, date):
        return value
    text = str(value).strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        errors.add(name, "must be a date like 2026-01-31")
        return None


def check_day_range(errors: FieldErrors, date_from: Any, date_to: Any) -> tuple[date | None, date | None]:
    """Read a 'from'/'to' day range (ISO dates, either may be empty); 'to' must not precede 'from'."""
    start, end = read_day(errors, date_from, "from"), read_day(errors, date_to, "to")
    if start and end and start > end:
        errors.add("to", "must not be before 'from'")
    return start, end
