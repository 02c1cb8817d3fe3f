"""User targets (spec §7): a sales user's quota for one calendar month, in the board currency."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from rxcrm.domain.errors import Forbidden, ValidationFailed
from rxcrm.domain.records.validation import parse_money, whole_number

PERIOD_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")
FIRST_YEAR, LAST_YEAR = 2000, 2100
TARGET_ROLES = ("rep", "director")
SETTERS = ("admin", "director")


def parse_period(value: Any) -> str:
    """A month as 'YYYY-MM' (2000-01 to 2100-12)."""
    match = PERIOD_PATTERN.match(value.strip()) if isinstance(value, str) else None
    year, month = (int(match[1]), int(match[2])) if match else (0, 0)
    if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
        raise ValidationFailed.from_fields({"period": "must be a month like 2026-03"})
    return f"{year:04d}-{month:02d}"


def parse_year(value: Any) -> int:
    """A calendar year between 2000 and 2100."""
    year = whole_number(value)
    if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationFailed.from_fields({"year": f"must be a year from {FIRST_YEAR} to {LAST_YEAR}"})
    return year


def target_amount(value: Any) -> Decimal:
    """A target amount: a decimal of at least 0 with at most two places."""
    if value is None or isinstance(value, bool) or (isinstance(value, str) and not value.strip()):
        raise ValidationFailed.from_fields({"amount": "is required"})
    try:
        amount = parse_money(value)
    except ValueError as exc:
        raise ValidationFailed.from_fields({"amount": str(exc)}) from exc
    if amount < 0:
        raise ValidationFailed.from_fields({"amount": "must not be negative"})
    return amount


def check_may_set_targets(role: str) -> None:
    """Admins and sales directors set the reps' targets."""
    if role not in SETTERS:
        raise Forbidden("Only an admin or a sales director can set user targets.")


def check_target_user(role: str) -> None:
    """Targets are for the people who sell: sales reps and directors."""
    if role not in TARGET_ROLES:
        raise ValidationFailed.from_fields({"user_id": "targets are set for sales reps and directors"})


def sees_every_target(role: str) -> bool:
    """Admins and directors see every target; a rep sees his/her own."""
    return role in SETTERS
