"""Field visibility (spec §1.7): a CRM field can be limited to chosen roles and users."""

from __future__ import annotations

from collections.abc import Iterable

from rxcrm.domain.errors import ValidationFailed
from rxcrm.domain.people.users import ROLES

LIMITABLE_FIELDS: dict[str, tuple[str, ...]] = {
    "account": (
        "email",
        "phone",
        "street",
        "city",
        "zip",
        "registration_no",
        "vat_no",
        "industry",
        "website",
        "custom",
    ),
    "contact": ("email", "phone", "mobile", "position", "custom"),
    "opportunity": ("amount", "probability", "close_date", "tags", "custom"),
}

# List filters whose name is not the field they read (`custom.<key>` reads `custom`).
FILTER_FIELDS: dict[str, str] = {"tag": "tags"}
# The deal fields each dashboard widget is computed from: its rows (live or frozen in a baseline)
# are shown only to users who see all of them. Kinds not listed are built from no limitable field.
WIDGET_FIELDS: dict[str, tuple[str, ...]] = {
    "pipeline_by_stage": ("amount", "close_date"),
    "revenue": ("amount",),
    "won_by_person": ("amount",),
    "targets": ("amount",),
    "leaderboard": ("amount",),
    "forecast": ("amount", "probability", "close_date"),
    "campaigns": ("amount",),
    "partners": ("amount",),
    "won_by_product": ("amount",),
    "contracts": ("amount",),
    # an invoice's amount is the deal's money (hidden like it)
    "open_invoices_by_due_week": ("amount",),
    "overdue_by_account": ("amount",),
    "paid_per_month": ("amount",),
}


def check_rule(entity: str, field: str, roles: Iterable[str]) -> None:
    """Only the listed fields of known entities can be limited, to known roles."""
    fields = {}
    if entity not in LIMITABLE_FIELDS:
        fields["entity"] = f"must be one of: {', '.join(LIMITABLE_FIELDS)}"
    elif field not in LIMITABLE_FIELDS[entity]:
        fields["field"] = f"must be one of: {', '.join(LIMITABLE_FIELDS[entity])}"
    unknown = [r for r in roles if r not in ROLES]
    if unknown:
        fields["roles"] = f"unknown roles: {', '.join(unknown)}"
    if fields:
        raise ValidationFailed.from_fields(fields)


def field_hidden(role: str, user_id: int, roles: Iterable[str], user_ids: Iterable[int]) -> bool:
    """A limited field is hidden unless the user's role or the user is named; admins see every field."""
    if role == "admin":
        return False
    return role not in set(roles) and user_id not in set(user_ids)
