"""Saved filters / segments (spec §1.10): a list page's filter parameters and sort, kept under a name.

- A filter belongs to the user who saved it and may be shared with one role.
- It is visible to its owner, to the users of the role it is shared with, and to the users of the
  role it is the default of; admins also see every role default, since they manage them.
- Its owner or an admin may change or delete it; only an admin makes it a role's default.
- The default applied when a list opens: the user's own default over the role's default.
- A saved filter only narrows a list: the access rules still apply to whatever it selects.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any, TypeVar

from rxcrm.domain.accounts.accounts import ACCOUNT_TYPES
from rxcrm.domain.leads.lifecycle import LIST_STATES
from rxcrm.domain.people.users import ROLES
from rxcrm.domain.pipeline.stages import STAGE_KINDS
from rxcrm.domain.records.validation import FieldErrors, check_choice, check_length, clean_text, record_id
from rxcrm.domain.tickets.tickets import LIST_STATUSES

ADMIN = "admin"
NAME_LENGTH = 100
QUERY_LENGTH = 200
ME = "me"
UNASSIGNED = "unassigned"
FILTER_PARAMS: dict[str, dict[str, str]] = {
    "account": {
        "q": "text",
        "type": "account_type",
        "owner_id": "user",
        "group_id": "id",
        "key_account": "flag",
        "favourites": "flag",
    },
    "opportunity": {
        "q": "text",
        "stage_id": "id",
        "status": "status",
        "owner_id": "user",
        "tag": "text",
        "pipeline_id": "id",
    },
    "lead": {"q": "text", "state": "lead_state", "owner_id": "user", "campaign_id": "id", "source": "text"},
    "ticket": {"q": "text", "assignee_id": "assignee", "status": "ticket_status"},
}
ENTITIES = tuple(FILTER_PARAMS)
CHOICES = {
    "account_type": ACCOUNT_TYPES,
    "status": STAGE_KINDS,
    "lead_state": LIST_STATES,
    "ticket_status": LIST_STATUSES,
}
PEOPLE = {"user": (ME,), "assignee": (ME, UNASSIGNED)}  # the words a person parameter takes besides an id
T = TypeVar("T")


def _param_value(kind: str, value: Any) -> Any:
    """One parameter in its stored form; raises ValueError with what is wrong."""
    if kind == "text":
        text = clean_text(value)
        if text is not None and len(text) > QUERY_LENGTH:
            raise ValueError(f"must be at most {QUERY_LENGTH} characters")
        return text
    if kind == "flag":
        if not isinstance(value, bool):
            raise ValueError("must be true or false")
        return value
    if kind in CHOICES:
        if value not in CHOICES[kind]:
            raise ValueError(f"must be one of: {', '.join(CHOICES[kind])}")
        return value
    words = PEOPLE.get(kind, ())
    if value in words:
        return value
    if isinstance(value, str) and record_id(value.strip()) is not None:
        value = record_id(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError("must be a record id" + "".join(f" or '{word}'" for word in words))
    return value


def clean_params(entity: str, params: Any, errors: FieldErrors) -> dict[str, Any]:
    """The filter parameters a list of `entity` understands, typed; empty values are dropped."""
    allowed = FILTER_PARAMS.get(entity, {})
    if not isinstance(params, dict):
        errors.add("params", "must be an object of filter parameters")
        return {}
    cleaned: dict[str, Any] = {}
    for name, value in params.items():
        if name not in allowed:
            errors.add(f"params.{name}", f"is not a filter of this list (allowed: {', '.join(allowed)})")
            continue
        if value is None or value == "":
            continue
        try:
            typed = _param_value(allowed[name], value)
        except ValueError as exc:
            errors.add(f"params.{name}", str(exc))
            continue
        if typed is not None:
            cleaned[name] = typed
    return cleaned


def check_sort(sort: Any, sortable: Collection[str], errors: FieldErrors) -> str | None:
    """A sort is a sortable column, '-' in front for descending; none means the list's default."""
    text = clean_text(sort)
    if text is not None and not sortable:
        errors.add("sort", "must be empty: this list has a fixed order")
    elif text is not None and text.removeprefix("-") not in sortable:
        errors.add("sort", f"must be one of: {', '.join(sortable)} (with '-' for descending)")
    return text


def validate_saved_filter(
    data: dict[str, Any], entity: str, sortable: Collection[str], creating: bool
) -> dict[str, Any]:
    """Check a saved filter's fields; returns the values to store (only those given on an update)."""
    errors = FieldErrors()
    values: dict[str, Any] = {}
    if creating or "name" in data:
        values["name"] = clean_text(data.get("name"))
        if values["name"] is None:
            errors.add("name", "is required")
        check_length(errors, values, NAME_LENGTH, "name")
    if creating or "params" in data:
        params = data.get("params")
        values["params"] = clean_params(entity, {} if params is None else params, errors)
    if creating or "sort" in data:
        values["sort"] = check_sort(data.get("sort"), sortable, errors)
    for field in ("shared_with_role", "default_for_role"):
        if field in data:
            values[field] = clean_text(data[field])
            check_choice(errors, values, field, ROLES)
    if "is_default" in data:
        values["is_default"] = bool(data["is_default"])
    errors.raise_if_any()
    return values


def check_entity(entity: Any) -> str:
    """The list a filter is for: accounts, opportunities, leads or tickets."""
    errors = FieldErrors()
    if entity not in FILTER_PARAMS:
        errors.add("entity", f"must be one of: {', '.join(ENTITIES)}")
    errors.raise_if_any()
    return entity


def can_see(
    owner_id: int, shared_with_role: str | None, default_for_role: str | None, user_id: int, role: str
) -> bool:
    """Whether a user sees a saved filter (see the module docstring)."""
    if owner_id == user_id or role in (shared_with_role, default_for_role):
        return True
    return default_for_role is not None and sees_all_role_defaults(role)


def sees_all_role_defaults(role: str) -> bool:
    """Admins see every role's default filter, since they choose them."""
    return role == ADMIN


def can_manage(owner_id: int, user_id: int, role: str) -> bool:
    """Whether a user may change or delete a saved filter: its owner or an admin."""
    return owner_id == user_id or role == ADMIN


def can_set_role_default(role: str) -> bool:
    """Only admins choose the filter a role's lists open with."""
    return role == ADMIN


def resolve_default(own_default: T | None, role_default: T | None) -> T | None:
    """The filter a list opens with: the user's own default wins over the role's default."""
    return own_default if own_default is not None else role_default


def owner_param(value: Any, user_id: int) -> int | None:
    """An 'owner' parameter for the acting user: 'me' stands for whoever applies the filter."""
    if value == ME:
        return user_id
    return value if isinstance(value, int) else None
