"""Roles and permissions (spec §1.6): a matrix of view / add / edit / delete per entity and role.

Admins may do everything and their row is not editable; the other roles start from the defaults
below and an admin changes them in Settings.
"""

from __future__ import annotations

from rxcrm.domain.errors import ValidationFailed

ENTITIES = (
    "accounts",
    "contacts",
    "leads",
    "opportunities",
    "partners",
    "campaigns",
    "contracts",
    "invoices",
    "price_books",
    "tickets",
    "tasks",
    "projects",
)
ACTIONS = ("view", "add", "edit", "delete")
EDITABLE_ROLES = ("director", "rep", "partner")
ENTITY_LABELS = {"price_books": "price books"}
_ALL = set(ACTIONS)
_RECORDS = ("accounts", "contacts", "leads", "opportunities", "tasks")
DEFAULTS: dict[str, dict[str, set[str]]] = {
    "director": {entity: set(_ALL) for entity in ENTITIES},
    "rep": {entity: (set(_ALL) if entity in _RECORDS else {"view"}) for entity in ENTITIES}
    | {"invoices": {"view", "add", "edit"}, "tickets": {"view", "add", "edit"}},
    "partner": {entity: ({"view", "add", "edit"} if entity in _RECORDS else set()) for entity in ENTITIES},
}


def default_allowed(role: str, entity: str, action: str) -> bool:
    """What a role may do on a fresh installation."""
    if role == "admin":
        return True
    return action in DEFAULTS.get(role, {}).get(entity, set())


def check_permission_change(role: str, entity: str, action: str) -> None:
    """Only the director, rep and partner rows of known entities and actions can be changed."""
    fields = {}
    if role not in EDITABLE_ROLES:
        fields["role"] = f"must be one of: {', '.join(EDITABLE_ROLES)} (admins may always do everything)"
    if entity not in ENTITIES:
        fields["entity"] = f"must be one of: {', '.join(ENTITIES)}"
    if action not in ACTIONS:
        fields["action"] = f"must be one of: {', '.join(ACTIONS)}"
    if fields:
        raise ValidationFailed.from_fields(fields)


def refusal(role: str, entity: str, action: str) -> str:
    """The message a user gets when the role lacks a permission."""
    verb = {"view": "see", "add": "add", "edit": "change", "delete": "delete"}[action]
    label = ENTITY_LABELS.get(entity, entity)
    return f"Your role ({role}) may not {verb} {label}; an admin can allow it in Settings."
