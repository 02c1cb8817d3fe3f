"""Spec §2.3: qualifying a lead creates the opportunity and, where missing, the account and the contact.

That a refused qualification writes nothing (one transaction per request) is tested through the API
in tests/api/test_leads_api.py.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlmodel import Session, func, select

from rxcrm.db.models import Account, Contact, Opportunity, User
from rxcrm.domain.errors import Conflict, ValidationFailed
from rxcrm.services.leads.campaigns import create_campaign
from rxcrm.services.leads.qualification import qualification_defaults, qualify_lead
from rxcrm.services.settings.toggles import update_settings
from tests.conftest import make_account, make_contact, make_lead, make_partner, make_user


def count(session: Session, model: type) -> int:
    session.expire_all()
    return session.exec(select(func.count()).select_from(model)).one()


def test_a_lead_with_a_company_becomes_a_deal_a_company_and_a_contact(session: Session, rep: User) -> None:
    owner = make_user(session)
    lead = make_lead(
        session,
        name="Anna Maria Berg",
        company="Acme GmbH",
        email="anna@acme.test",
        phone="+49 30 1234567",
        owner_id=owner.id,
    )
    deal, account, contact = qualify_lead(session, rep, lead.id, {"amount": "1200.50"})
    session.commit()
    assert (account.type, account.name, account.email, account.owner_id) == (
        "company",
        "Acme GmbH",
        "anna@acme.test",
        owner.id,
    )
    assert (contact.first_name, contact.last_name, contact.email, contact.phone) == (
        "Anna Maria",
        "Berg",
        "anna@acme.test",
        "+49 30 1234567",
    )
    assert (contact.account_id, contact.owner_id) == (account.id, owner.id)
    assert (deal.name, deal.amount, deal.account_id, deal.contact_id, deal.owner_id) == (
        "Acme GmbH",
        Decimal("1200.50"),
        account.id,
        contact.id,
        owner.id,
    )
    assert (lead.status, lead.opportunity_id, lead.account_id) == ("qualified", deal.id, account.id)
    assert lead.qualified_at is not None


def test_a_lead_without_a_company_becomes_a_person_account(session: Session, rep: User) -> None:
    lead = make_lead(session, name="Bruno Costa", email="bruno@example.test", owner_id=rep.id)
    deal, account, contact = qualify_lead(session, rep, lead.id, {"name": "Kitchen"})
    assert (account.type, account.first_name, account.last_name) == ("person", "Bruno", "Costa")
    assert (contact.last_name, contact.account_id) == ("Costa", account.id)
    assert deal.name == "Kitchen"


def test_the_person_setting_makes_a_person_account_even_with_a_company(
    session: Session, rep: User, admin: User
) -> None:
    update_settings(session, admin, {"lead_qualification_account_type": "person"})
    lead = make_lead(session, name="Anna Berg", company="Acme", owner_id=rep.id)
    _, account, _ = qualify_lead(session, rep, lead.id, {})
    assert (account.type, account.last_name) == ("person", "Berg")


def test_the_campaign_and_partner_of_the_lead_carry_over_to_the_deal(session: Session, rep: User) -> None:
    campaign = create_campaign(session, make_user(session, role="director"), {"name": "Fair"})
    partner = make_partner(session)
    lead = make_lead(session, name="Anna", campaign_id=campaign.id, partner_id=partner.id, owner_id=rep.id)
    deal, _, _ = qualify_lead(session, rep, lead.id, {})
    assert (deal.campaign_id, deal.partner_id) == (campaign.id, partner.id)


def test_the_lead_account_and_its_contact_with_the_same_email_are_reused(session: Session, rep: User) -> None:
    account = make_account(session, name="Acme", owner_id=rep.id)
    contact = make_contact(
        session, last_name="Berg", email="Anna@Acme.test", account_id=account.id, owner_id=rep.id
    )
    make_contact(session, last_name="Other", email="anna@acme.test")
    lead = make_lead(
        session, name="Anna Berg", email="anna@acme.test", account_id=account.id, owner_id=rep.id
    )
    accounts, contacts = count(session, Account), count(session, Contact)
    deal, used_account, used_contact = qualify_lead(session, rep, lead.id, {})
    assert (used_account.id, used_contact.id) == (account.id, contact.id)
    assert (deal.account_id, deal.contact_id) == (account.id, contact.id)
    assert (count(session, Account), count(session, Contact)) == (accounts, contacts)


def test_on_the_lead_account_a_contact_is_created_when_none_has_the_email(
    session: Session, rep: User
) -> None:
    account = make_account(session, name="Acme", owner_id=rep.id)
    make_contact(session, last_name="Colleague", email="someone@acme.test", account_id=account.id)
    lead = make_lead(
        session, name="Anna Berg", email="anna@acme.test", account_id=account.id, owner_id=rep.id
    )
    assert qualification_defaults(session, rep, lead) == {
        "name": "Anna Berg",
        "owner_id": rep.id,
        "creates_account": False,
        "creates_contact": True,
    }
    _, used_account, contact = qualify_lead(session, rep, lead.id, {})
    assert used_account.id == account.id
    assert (contact.last_name, contact.email, contact.account_id) == ("Berg", "anna@acme.test", account.id)


def test_qualifying_twice_is_a_conflict(session: Session, rep: User) -> None:
    lead = make_lead(session, name="Anna", owner_id=rep.id)
    qualify_lead(session, rep, lead.id, {})
    with pytest.raises(Conflict):
        qualify_lead(session, rep, lead.id, {})
    assert count(session, Opportunity) == 1


@pytest.mark.parametrize("situation", [{"status": "disqualified"}, {"archived": True}, {"anonymized": True}])
def test_a_closed_archived_or_erased_lead_cannot_be_qualified(
    session: Session, rep: User, situation: dict
) -> None:
    lead = make_lead(session, name="Anna", owner_id=rep.id, **situation)
    with pytest.raises(Conflict):
        qualify_lead(session, rep, lead.id, {})
    assert (count(session, Opportunity), count(session, Account), count(session, Contact)) == (0, 0, 0)


def test_a_bad_deal_field_refuses_the_qualification(session: Session, rep: User) -> None:
    lead = make_lead(session, name="Anna", owner_id=rep.id)
    with pytest.raises(ValidationFailed) as caught:
        qualify_lead(session, rep, lead.id, {"amount": "-5"})
    assert set(caught.value.fields) == {"amount"}


def test_a_lead_on_an_account_hidden_from_the_user_cannot_be_qualified_onto_it(
    session: Session, rep: User
) -> None:
    other = make_user(session)
    hidden = make_account(session, name="Secret Corp", is_private=True, created_by_id=other.id)
    lead = make_lead(session, name="Ann Hidden", owner_id=rep.id, account_id=hidden.id)
    with pytest.raises(ValidationFailed) as caught:
        qualify_lead(session, rep, lead.id, {})
    assert caught.value.fields["account_id"] == "the lead's account is hidden from you"
    assert session.exec(select(func.count()).select_from(Opportunity)).one() == 0
