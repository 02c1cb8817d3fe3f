"""The admin's toggles and values (spec §7): key, kind, default and the toggle it depends on."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rxcrm.domain.commerce.invoices import DEFAULT_PAYMENT_DAYS, check_payment_days
from rxcrm.domain.errors import ValidationFailed
from rxcrm.domain.pipeline.board import DEFAULT_CARD_FIELDS, parse_card_fields


@dataclass(frozen=True)
class SettingSpec:
    """One setting: its type, default, section, label and parent toggle."""

    key: str
    kind: type
    default: Any
    section: str
    label: str
    parent: str | None = None
    check: Callable[[Any], Any] | None = None


MAX_RATE_LIMIT = 1_000_000


def check_rate_limit(value: int) -> int:
    """An intake rate limit is 0 (off) or a number of requests per minute."""
    if not 0 <= value <= MAX_RATE_LIMIT:
        raise ValidationFailed.from_fields({"intake_rate_limit_per_minute": f"must be 0 to {MAX_RATE_LIMIT}"})
    return value


CATALOGUE: tuple[SettingSpec, ...] = (
    SettingSpec(
        "decouple_contact_opportunity_owners",
        bool,
        False,
        "Ownership",
        "Allow different owners for contacts and their opportunities",
    ),
    SettingSpec(
        "update_contact_followers_on_opportunity_owner_change",
        bool,
        False,
        "Ownership",
        "Update the contact's followers when the opportunity owner changes",
        parent="decouple_contact_opportunity_owners",
    ),
    SettingSpec(
        "update_opportunity_followers_on_contact_owner_change",
        bool,
        False,
        "Ownership",
        "Update the opportunities' followers when the contact owner changes",
        parent="decouple_contact_opportunity_owners",
    ),
    SettingSpec(
        "second_account_manager",
        bool,
        False,
        "Ownership",
        "Second account manager on accounts and opportunities",
    ),
    SettingSpec("board_currency", str, "EUR", "Misc", "Board currency"),
    SettingSpec("use_crm_items", bool, True, "Misc", "Use CRM items"),
    SettingSpec("show_subproject_opportunities", bool, False, "Misc", "Show opportunities of sub-projects"),
    SettingSpec(
        "show_activities_on_opportunities", bool, True, "Misc", "Show sales activities on opportunities"
    ),
    SettingSpec("show_item_descriptions_on_quotes", bool, True, "Misc", "Show item descriptions on quotes"),
    SettingSpec(
        "lead_qualification_account_type",
        str,
        "company",
        "Lead qualification",
        "Account type created when qualifying a lead",
    ),
    SettingSpec("lead_new_touch_status", str, "new", "Lead qualification", "New-touch status"),
    SettingSpec("lead_default_industry", str, "", "Lead qualification", "Default industry"),
    SettingSpec("session_hours", int, 12, "Misc", "Hours before a login session expires"),
    SettingSpec(
        "invoice_payment_days",
        int,
        DEFAULT_PAYMENT_DAYS,
        "Misc",
        "Days until a new invoice falls due",
        check=check_payment_days,
    ),
    SettingSpec(
        "kanban_card_fields",
        str,
        DEFAULT_CARD_FIELDS,
        "Kanban",
        "Fields a card shows on the pipeline board",
        check=parse_card_fields,
    ),
    SettingSpec(
        "intake_rate_limit_per_minute",
        int,
        0,
        "Lead intake",
        "Requests per minute one API key may send to the lead intake (0 = no limit)",
        check=check_rate_limit,
    ),
)
BY_KEY = {spec.key: spec for spec in CATALOGUE}


def defaults() -> dict[str, Any]:
    """Every setting at its factory value."""
    return {spec.key: spec.default for spec in CATALOGUE}


def check_setting_changes(current: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """Validate a settings patch: known keys, right types, children only while the parent is On."""
    fields: dict[str, str] = {}
    merged = {**current, **changes}
    for key, value in changes.items():
        spec = BY_KEY.get(key)
        if spec is None:
            fields[key] = "is not a known setting"
        elif type(value) is not spec.kind:
            fields[key] = f"must be {'true or false' if spec.kind is bool else spec.kind.__name__}"
        elif spec.kind is str and len(value) > 200:
            fields[key] = "must be at most 200 characters"
        elif spec.kind is int and spec.check is None and not 1 <= value <= 24 * 365:
            fields[key] = "is out of range"
        elif spec.parent and value and not merged.get(spec.parent):
            fields[key] = f"can only be switched on while '{BY_KEY[spec.parent].label}' is On"
        elif spec.check is not None:
            try:
                spec.check(value)
            except ValidationFailed as exc:
                fields.update(exc.fields)
    if fields:
        raise ValidationFailed.from_fields(fields)
    for spec in CATALOGUE:
        orphaned = spec.parent and not merged.get(spec.parent) and merged.get(spec.key)
        if orphaned and spec.key not in changes:
            changes = {**changes, spec.key: False}
    return changes
