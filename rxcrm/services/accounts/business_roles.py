"""Business roles on an opportunity: which personal contacts take part in the deal, and how."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from rxcrm.db.models import BusinessRole, Contact, User
from rxcrm.domain.accounts.business_roles import validate_business_role
from rxcrm.domain.errors import NotFound
from rxcrm.domain.records.validation import FieldErrors
from rxcrm.services.people.access import visible
from rxcrm.services.people.permissions import require
from rxcrm.services.pipeline.opportunities import get_opportunity
from rxcrm.services.records.changes import delete_record, insert_record
from rxcrm.services.records.references import check_record_ref

ENTITY = "business_role"


def _seen_contacts(actor: User):  # noqa: ANN202
    return BusinessRole.contact_id.in_(visible(select(Contact.id), Contact, actor))


def list_business_roles(session: Session, actor: User, opportunity_id: int) -> list[BusinessRole]:
    """The roles on a deal the user may see, of the contacts he/she may see, in the order they were added."""
    deal = get_opportunity(session, actor, opportunity_id)
    statement = select(BusinessRole).where(BusinessRole.opportunity_id == deal.id, _seen_contacts(actor))
    return list(session.exec(statement.order_by(BusinessRole.id)).all())


def add_business_role(
    session: Session, actor: User, opportunity_id: int, data: dict[str, Any]
) -> BusinessRole:
    """Say which part a contact the user may see plays in a deal he/she may edit."""
    deal = get_opportunity(session, actor, opportunity_id)
    require(session, actor, "opportunities", "edit")
    values = validate_business_role(data)
    errors = FieldErrors()
    check_record_ref(session, Contact, "contact_id", values, actor, errors)
    errors.raise_if_any()
    return insert_record(session, ENTITY, BusinessRole(opportunity_id=deal.id, **values), actor)


def remove_business_role(session: Session, actor: User, opportunity_id: int, role_id: int) -> None:
    """Take a contact's role off a deal the user may edit."""
    deal = get_opportunity(session, actor, opportunity_id)
    require(session, actor, "opportunities", "edit")
    role = session.exec(
        select(BusinessRole).where(
            BusinessRole.id == role_id, BusinessRole.opportunity_id == deal.id, _seen_contacts(actor)
        )
    ).first()
    if role is None:
        raise NotFound(f"business role {role_id} not found")
    delete_record(session, ENTITY, role, actor)
