"""Channels belong to the contact's personal data; links go with their accounts; sub-accounts show too."""

from __future__ import annotations

from sqlmodel import Session, select

from rxcrm.db.models import AccountRelation, Change, ContactChannel, User
from rxcrm.services.accounts.account_relations import family, link_accounts, list_relations
from rxcrm.services.accounts.accounts import delete_account
from rxcrm.services.accounts.contact_channels import add_channel, list_channels, remove_channel
from rxcrm.services.accounts.contact_types import list_contact_types
from rxcrm.services.accounts.contacts import anonymize_contact, delete_contact
from tests.conftest import make_account, make_contact


def _skype(session: Session) -> int:
    return next(t.id for t in list_contact_types(session) if t.name == "Skype")


def test_adding_and_removing_a_channel_is_written_to_the_contacts_history(
    session: Session, rep: User
) -> None:
    contact = make_contact(session, owner_id=rep.id)
    added = add_channel(session, rep, contact.id, _skype(session), "ann.k")
    assert [(c["type"], c["value"]) for c in added] == [("Skype", "ann.k")]
    assert add_channel(session, rep, contact.id, _skype(session), "ANN.K") == added  # the same one once
    assert remove_channel(session, rep, contact.id, added[0]["id"]) == []
    changes = session.exec(
        select(Change.old, Change.new).where(Change.entity == "contact", Change.field == "channels")
    ).all()
    assert changes == [(None, "Skype: ann.k"), ("Skype: ann.k", None)]


def test_anonymizing_a_contact_erases_its_channels_and_their_history(session: Session, rep: User) -> None:
    contact = make_contact(session, owner_id=rep.id, last_name="Kern")
    add_channel(session, rep, contact.id, _skype(session), "ann.kern")
    anonymize_contact(session, rep, contact.id)
    assert list_channels(session, rep, contact.id) == []
    values = session.exec(select(Change.old, Change.new).where(Change.field == "channels")).all()
    assert all("ann.kern" not in str(v) for v in values)


def test_a_deleted_contact_takes_its_channels_along(session: Session, rep: User) -> None:
    contact = make_contact(session, owner_id=rep.id)
    add_channel(session, rep, contact.id, _skype(session), "ann.k")
    delete_contact(session, rep, contact.id)
    assert session.exec(select(ContactChannel)).all() == []


def test_a_deleted_account_leaves_no_link_behind(session: Session, rep: User) -> None:
    acme, bolt = make_account(session, owner_id=rep.id), make_account(session, owner_id=rep.id)
    link_accounts(session, rep, acme.id, {"related_account_id": bolt.id, "label": "Customer"})
    delete_account(session, rep, bolt.id)
    session.expire_all()
    assert list_relations(session, rep, acme.id) == [] and session.exec(select(AccountRelation)).all() == []


def test_the_parent_and_the_sub_accounts_are_listed_beside_the_links(session: Session, rep: User) -> None:
    group = make_account(session, name="Group", owner_id=rep.id)
    acme = make_account(session, name="Acme", owner_id=rep.id, parent_id=group.id)
    make_account(session, name="Acme East", owner_id=rep.id, parent_id=acme.id)
    assert [(f.related_account_name, f.label) for f in family(session, rep, acme.id)] == [
        ("Group", "Parent account"),
        ("Acme East", "Sub-account"),
    ]
