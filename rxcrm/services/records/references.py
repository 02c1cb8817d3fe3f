"""Checks that ids named in a form point at records that exist and the user may see."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from rxcrm.db.models import Account, Campaign, Contact, Partner, Project, User
from rxcrm.domain.accounts.ownership import SECOND_MANAGER, second_manager_problem
from rxcrm.domain.records.validation import FieldErrors
from rxcrm.services.people.access import visible
from rxcrm.services.settings.toggles import current_settings

USER_FIELDS = ("owner_id", "second_owner_id")


def check_user_refs(session: Session, data: dict[str, Any], errors: FieldErrors) -> None:
    """Owners must be active users."""
    for field in USER_FIELDS:
        value = data.get(field)
        if value is None:
            continue
        user = session.get(User, value) if _is_id(value) else None
        if user is None or not user.active:
            errors.add(field, "no such active user")


def check_record_ref(
    session: Session, model: type, field: str, data: dict[str, Any], actor: User, errors: FieldErrors
) -> None:
    """A link to another record must name one the acting user can see."""
    value = data.get(field)
    if value is None:
        return
    found = (
        _is_id(value)
        and session.exec(visible(select(model.id).where(model.id == value), model, actor)).first() is not None
    )
    if not found:
        errors.add(field, f"no such {model.__name__.lower()}")


def check_links(
    session: Session,
    data: dict[str, Any],
    actor: User,
    errors: FieldErrors,
    links: dict[str, type],
    current: Any = None,
) -> None:
    """Check owner fields, the second-manager setting and every record link a form names anew.

    A link the form sends back unchanged (`current` holds it already) is kept without a check: a partner
    user editing a contact keeps its internal owner, whom he/she cannot see, as it is.
    """
    if current is not None:
        checked = (*USER_FIELDS, *links)
        data = {k: v for k, v in data.items() if k not in checked or getattr(current, k, None) != v}
    check_user_refs(session, data, errors)
    problem = second_manager_problem(current_settings(session)[SECOND_MANAGER], data.get("second_owner_id"))
    if problem:
        errors.add("second_owner_id", problem)
    for field, model in links.items():
        check_record_ref(session, model, field, data, actor, errors)


def _is_id(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


ACCOUNT_LINKS = {"parent_id": Account, "partner_id": Partner}
CONTACT_LINKS = {"account_id": Account, "partner_id": Partner}
OPPORTUNITY_LINKS = {
    "account_id": Account,
    "contact_id": Contact,
    "partner_id": Partner,
    "project_id": Project,
}
LEAD_LINKS = {"account_id": Account, "partner_id": Partner, "campaign_id": Campaign}
