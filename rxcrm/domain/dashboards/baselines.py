"""Baselines (spec §6.3): who sees and removes a widget's frozen rows, and what a name may be.

A baseline holds figures computed under its creator's access rules, so it is shown to its creator
and to those who see every figure anyway (admins, sales directors with full access), never to another
rep nor to a director whose access is limited. Its rows are also withheld from anyone (its creator
included) from whom a field the widget is computed from is now hidden (services/field_visibility).
"""

from __future__ import annotations

from typing import Any

from rxcrm.domain.errors import ValidationFailed
from rxcrm.domain.people.access import FULL
from rxcrm.domain.records.validation import clean_text

MAX_NAME = 100
SEES_ALL = ("admin", "director")


def baseline_name(value: Any) -> str:
    """A baseline's name: 1 to 100 characters."""
    name = clean_text(value) if isinstance(value, str) else None
    if name is None or len(name) > MAX_NAME:
        raise ValidationFailed.from_fields({"name": f"is required (at most {MAX_NAME} characters)"})
    return name


def sees_others(role: str, scope: str) -> bool:
    """Admins and directors who see every record read the baselines of others."""
    return role in SEES_ALL and scope == FULL


def can_see(created_by_id: int | None, actor_id: int | None, role: str, scope: str = FULL) -> bool:
    """The creator, and admins and directors with full access, see a baseline (fields aside)."""
    return sees_others(role, scope) or (created_by_id is not None and created_by_id == actor_id)


def can_delete(created_by_id: int | None, actor_id: int | None, role: str) -> bool:
    """Its creator or an admin deletes a baseline."""
    return role == "admin" or (created_by_id is not None and created_by_id == actor_id)
