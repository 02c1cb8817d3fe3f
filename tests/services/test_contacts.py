"""Deleting and anonymizing a contact that plays a business role in deals."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from rxcrm.db.models import BusinessRole, Contact
from rxcrm.domain.errors import Conflict
from rxcrm.services.accounts.business_roles import add_business_role
from rxcrm.services.accounts.contacts import anonymize_contact, delete_contact
from tests.conftest import make_contact, make_opportunity, make_user


def test_a_contact_with_a_business_role_is_kept_and_the_deals_are_named(session: Session, rep) -> None:
    contact = make_contact(session, owner_id=rep.id)
    for name in ("Solar panels", "Roof repair"):
        add_business_role(
            session,
            rep,
            make_opportunity(session, rep, name=name).id,
            {"contact_id": contact.id, "role": "Buyer"},
        )
    with pytest.raises(Conflict) as caught:
        delete_contact(session, rep, contact.id)
    assert "2 opportunities ('Roof repair', 'Solar panels')" in caught.value.message
    assert session.get(Contact, contact.id) is not None
    assert len(session.exec(select(BusinessRole).where(BusinessRole.contact_id == contact.id)).all()) == 2


def test_the_refusal_does_not_name_deals_the_user_cannot_see(session: Session, rep) -> None:
    limited = make_user(session, access_level="limited_opportunities")
    contact = make_contact(session, owner_id=limited.id)
    secret = make_opportunity(session, rep, name="Secret merger")
    add_business_role(session, rep, secret.id, {"contact_id": contact.id, "role": "Advisor"})
    with pytest.raises(Conflict) as caught:
        delete_contact(session, limited, contact.id)
    assert "Secret merger" not in caught.value.message
    assert "1 opportunity (1 you cannot see)" in caught.value.message


def test_a_contact_without_deals_or_roles_is_deleted(session: Session, rep) -> None:
    contact = make_contact(session, owner_id=rep.id)
    delete_contact(session, rep, contact.id)
    assert session.get(Contact, contact.id) is None


def test_anonymizing_a_contact_keeps_its_business_roles(session: Session, rep) -> None:
    contact = make_contact(session, first_name="Maria", last_name="Bianchi", owner_id=rep.id)
    deal = make_opportunity(session, rep)
    role = add_business_role(session, rep, deal.id, {"contact_id": contact.id, "role": "Champion"})
    anonymize_contact(session, rep, contact.id)
    session.commit()
    assert (contact.first_name, contact.last_name) == (None, "(anonymized)")
    assert session.get(BusinessRole, role.id).contact_id == contact.id
