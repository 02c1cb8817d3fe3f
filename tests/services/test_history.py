"""History: creation, real changes only, deletion — newest first with who made them."""

from __future__ import annotations

from sqlmodel import Session, select

from rxcrm.db.models import Change
from rxcrm.domain.history import CREATED, DELETED
from rxcrm.services.contacts import create_contact, delete_contact, update_contact
from rxcrm.services.history import history_of


def test_history_records_only_changed_fields(session: Session, rep) -> None:
    contact = create_contact(
        session, rep, {"first_name": "Jo", "last_name": "Doe", "email": "jo@doe.example"}
    )
    update_contact(session, rep, contact.id, {"first_name": "Jo", "last_name": "Doe", "phone": "+49 1234"})
    updates = [h for h in history_of(session, "contact", contact.id) if h["action"] == "update"]
    assert [(h["field"], h["old"], h["new"], h["by"], h["by_name"]) for h in updates] == [
        ("phone", None, "+49 1234", rep.id, "Rita Rep")
    ]


def test_an_edit_that_changes_nothing_writes_no_history(session: Session, rep) -> None:
    contact = create_contact(session, rep, {"last_name": "Doe"})
    before = len(history_of(session, "contact", contact.id))
    update_contact(session, rep, contact.id, {"last_name": " Doe "})
    assert len(history_of(session, "contact", contact.id)) == before


def test_creation_and_deletion_are_kept_in_history_without_the_persons_name(session: Session, rep) -> None:
    contact = create_contact(session, rep, {"first_name": "Jo", "last_name": "Doe"})
    contact_id = contact.id
    delete_contact(session, rep, contact_id)
    history = history_of(session, "contact", contact_id)
    deleted = (history[0]["field"], history[0]["old"], history[0]["action"], history[0]["by"])
    assert deleted == (DELETED, "(erased)", "delete", rep.id)
    created = session.exec(
        select(Change).where(Change.entity_id == contact_id, Change.field == CREATED)
    ).one()
    assert created.new == "(erased)" and created.by_id == rep.id
    assert {h["field"] for h in history if h["action"] == "create"} >= {CREATED, "last_name", "owner_id"}
