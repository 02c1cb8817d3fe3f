"""GDPR: anonymizing or deleting a lead, contact or person account leaves the person in no table.

Each test scans every text and JSON column of the tables that can name a person (reflected from the
models, so a new column is scanned too) for the person's name, e-mail address and phone number.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import JSON, String, Text, select
from sqlmodel import Session, SQLModel

from rxcrm.db.models import Account, ActivityCategory, Contact, Lead, Notification, Opportunity, User
from rxcrm.domain.errors import ValidationFailed
from rxcrm.services.accounts.accounts import anonymize_account, create_account, delete_account, update_account
from rxcrm.services.accounts.business_roles import add_business_role
from rxcrm.services.accounts.contacts import anonymize_contact, create_contact, delete_contact, update_contact
from rxcrm.services.leads.lifecycle import anonymize_lead, create_lead, delete_lead, update_lead
from rxcrm.services.leads.qualification import qualify_lead
from rxcrm.services.records.activities import create_activity
from rxcrm.services.records.followers import follow
from tests.conftest import make_account, make_opportunity, make_user

SCANNED = ("account", "contact", "lead", "opportunity", "change", "notification", "activity", "businessrole")
NAME, EMAIL, PHONE = "Anna Berg", "anna.berg@acme.test", "+49 30 9876543"
PERSON = (NAME, EMAIL, PHONE, "Anna M. Berg", "+49 30 1112223")


def _is_text(column_type: object) -> bool:
    """Text, string (SQLModel's AutoString decorates String) or JSON."""
    return isinstance(getattr(column_type, "impl_instance", column_type), String | Text | JSON)


def leaks(session: Session, needles: tuple[str, ...] = PERSON) -> list[tuple[str, str, str]]:
    """(table, column, value) of every stored text or JSON value that still names the person."""
    session.flush()
    found = []
    for name in SCANNED:
        table = SQLModel.metadata.tables[name]
        columns = [c for c in table.columns if _is_text(c.type)]
        for row in session.execute(select(*columns)).all():
            for column, value in zip(columns, row, strict=True):
                text = str(value or "").casefold()
                found += [(name, column.name, str(value)) for n in needles if n.casefold() in text]
    return found


def log(session: Session, actor: User, entity: str, record_id: int, note: str) -> None:
    """A sales call noted on a record."""
    call = session.execute(select(ActivityCategory.id).where(ActivityCategory.name == "Call")).scalar_one()
    create_activity(
        session, actor, {"entity": entity, "entity_id": record_id, "category_id": call, "note": note}
    )


def worked(
    session: Session,
    rep: User,
    entity: str,
    writers: tuple[Callable[..., Any], Callable[..., Any]],
    data: dict[str, Any],
    changes: dict[str, Any],
    note: str,
) -> Any:
    """A record created, followed, edited and called: its person is in history, activities, notifications."""
    create, update = writers
    record = create(session, rep, data)
    follow(session, make_user(session), entity, record.id, None)
    update(session, rep, record.id, changes)
    log(session, rep, entity, record.id, note)
    session.commit()
    assert len(leaks(session)) > 10
    return record


@pytest.fixture
def owner(session: Session) -> User:
    """The colleague who manages the person's records and so is notified of every change."""
    return make_user(session, name="Otto Owner")


@pytest.fixture
def fair(session: Session, rep: User) -> Account:
    """A company account whose timeline mentions the person in passing."""
    account = make_account(session, name="Trade fair GmbH", owner_id=rep.id)
    log(session, rep, "account", account.id, f"Met {NAME} at our booth")
    return account


def worked_lead(session: Session, rep: User, owner: User, **extra: str) -> Lead:
    """A lead edited, followed and called, so its person is in history, activities and notifications."""
    data = {"name": NAME, "email": EMAIL, "phone": PHONE, "owner_id": owner.id, **extra}
    changes = {"name": "Anna M. Berg", "phone": "+49 30 1112223"}
    note = f"{NAME} asked to be called back on {PHONE}"
    return worked(session, rep, "lead", (create_lead, update_lead), data, changes, note)


def test_anonymizing_a_lead_erases_the_person_everywhere(
    session: Session, rep: User, owner: User, fair: Account
) -> None:
    lead = worked_lead(session, rep, owner, source="fair")
    anonymize_lead(session, rep, lead.id)
    session.commit()
    assert leaks(session) == []
    assert (session.get(Lead, lead.id).source, session.get(Lead, lead.id).owner_id) == ("fair", owner.id)
    assert session.get(Account, fair.id).name == "Trade fair GmbH"


def test_anonymizing_a_qualified_lead_erases_its_person_account_contact_and_deal_name(
    session: Session, rep: User, owner: User
) -> None:
    lead = worked_lead(session, rep, owner)
    deal, account, contact = qualify_lead(session, rep, lead.id, {"amount": "500"})
    add_business_role(
        session, rep, deal.id, {"contact_id": contact.id, "role": "Buyer", "note": f"{NAME} signs"}
    )
    log(session, rep, "opportunity", deal.id, f"Sent the offer to {EMAIL}")
    session.commit()
    assert (account.type, deal.name) == ("person", "Anna M. Berg")
    anonymize_lead(session, rep, lead.id)
    session.commit()
    assert leaks(session) == []
    session.expire_all()
    assert session.get(Account, account.id).name == "(anonymized)"
    assert session.get(Contact, contact.id).last_name == "(anonymized)"
    kept = session.get(Opportunity, deal.id)
    assert (kept.name, kept.amount, kept.owner_id, kept.account_id) == (
        "(anonymized)",
        Decimal("500"),
        owner.id,
        account.id,
    )


def test_a_qualified_leads_company_account_and_deal_keep_the_company_but_not_the_person(
    session: Session, rep: User, owner: User
) -> None:
    lead = worked_lead(session, rep, owner, company="Umbrella Corp")
    deal, account, _ = qualify_lead(session, rep, lead.id, {})
    session.commit()
    anonymize_lead(session, rep, lead.id)
    session.commit()
    assert leaks(session) == []
    session.expire_all()
    assert (session.get(Account, account.id).name, session.get(Opportunity, deal.id).name) == (
        "Umbrella Corp",
    ) * 2


def worked_contact(session: Session, rep: User, owner: User) -> Contact:
    """A contact edited, followed, called and playing a role in a deal."""
    data = {"first_name": "Anna", "last_name": "Berg", "email": EMAIL, "phone": PHONE, "owner_id": owner.id}
    changes = {"first_name": "Anna M.", "mobile": "+49 30 1112223"}
    note = f"{NAME} prefers e-mail: {EMAIL}"
    return worked(session, rep, "contact", (create_contact, update_contact), data, changes, note)


def test_anonymizing_a_contact_erases_notifications_activity_and_role_notes(
    session: Session, rep: User, owner: User
) -> None:
    contact = worked_contact(session, rep, owner)
    deal = make_opportunity(session, rep, name="Solar roof")
    add_business_role(
        session, rep, deal.id, {"contact_id": contact.id, "role": "Buyer", "note": f"call {PHONE}"}
    )
    anonymize_contact(session, rep, contact.id)
    session.commit()
    assert leaks(session) == []
    assert session.get(Opportunity, deal.id).name == "Solar roof"


def worked_person_account(session: Session, rep: User, owner: User) -> Account:
    """A person account edited, followed and called."""
    data = {
        "type": "person",
        "first_name": "Anna",
        "last_name": "Berg",
        "email": EMAIL,
        "phone": PHONE,
        "street": "Lindenweg 7",
        "country": "DE",
        "owner_id": owner.id,
    }
    changes = {"first_name": "Anna M.", "phone": "+49 30 1112223"}
    note = f"{NAME} wants a visit at Lindenweg 7"
    return worked(session, rep, "account", (create_account, update_account), data, changes, note)


def test_anonymizing_a_person_account_erases_the_person_and_keeps_the_statistics(
    session: Session, rep: User, owner: User
) -> None:
    account = worked_person_account(session, rep, owner)
    anonymize_account(session, rep, account.id)
    session.commit()
    assert leaks(session, (*PERSON, "Lindenweg")) == []
    session.expire_all()
    kept = session.get(Account, account.id)
    assert (kept.name, kept.type, kept.country, kept.owner_id) == ("(anonymized)", "person", "DE", owner.id)


def test_a_company_account_cannot_be_anonymized(session: Session, rep: User) -> None:
    account = make_account(session, name="Acme GmbH", owner_id=rep.id)
    with pytest.raises(ValidationFailed):
        anonymize_account(session, rep, account.id)
    assert session.get(Account, account.id).name == "Acme GmbH"


def test_deleting_a_lead_leaves_who_and_when_but_not_the_person(
    session: Session, rep: User, owner: User
) -> None:
    lead = worked_lead(session, rep, owner)
    delete_lead(session, rep, lead.id)
    session.commit()
    assert leaks(session) == []
    deleted = (
        session.execute(
            select(Notification.message).where(
                Notification.entity == "lead", Notification.user_id == owner.id
            )
        )
        .scalars()
        .all()
    )
    assert f"{rep.name} deleted lead '(anonymized)'" in deleted


def test_deleting_a_contact_leaves_the_person_nowhere(session: Session, rep: User, owner: User) -> None:
    contact = worked_contact(session, rep, owner)
    delete_contact(session, rep, contact.id)
    session.commit()
    assert leaks(session) == []


def test_deleting_a_person_account_leaves_the_person_nowhere(
    session: Session, rep: User, owner: User
) -> None:
    account = worked_person_account(session, rep, owner)
    delete_account(session, rep, account.id)
    session.commit()
    assert leaks(session, (*PERSON, "Lindenweg")) == []
