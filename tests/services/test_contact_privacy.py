"""Anonymizing a contact erases personal data from the record and its history (spec §5.2)."""

from __future__ import annotations

from sqlmodel import Session, select

from rxcrm.db.models import Change
from rxcrm.services.accounts.contacts import anonymize_contact, create_contact, update_contact
from rxcrm.services.records.history import history_of


def test_anonymize_erases_personal_fields_and_their_history(session: Session, rep) -> None:
    contact = create_contact(
        session,
        rep,
        {
            "first_name": "Maria",
            "last_name": "Bianchi",
            "email": "maria@example.com",
            "phone": "+39 02 1234567",
            "custom": {"hobby": "sailing"},
        },
    )
    update_contact(session, rep, contact.id, {"email": "m.bianchi@example.com"})
    anonymize_contact(session, rep, contact.id)
    session.commit()
    assert (contact.first_name, contact.last_name, contact.email, contact.phone) == (
        None,
        "(anonymized)",
        None,
        None,
    )
    assert contact.custom == {}
    stored = " ".join(f"{c.old} {c.new}" for c in session.exec(select(Change)).all())
    for personal in ("Maria", "Bianchi", "maria@example.com", "m.bianchi", "1234567", "sailing"):
        assert personal not in stored
    assert history_of(session, "contact", contact.id)[0]["field"] == "anonymized"


def test_anonymize_keeps_the_links_statistics_rely_on(session: Session, rep) -> None:
    contact = create_contact(session, rep, {"last_name": "Kim", "kind": "employee"})
    anonymize_contact(session, rep, contact.id)
    assert contact.owner_id == rep.id and contact.kind == "employee"
