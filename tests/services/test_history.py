"""History: creation, real changes only, deletion — newest first with who made them."""

from __future__ import annotations

from sqlmodel import Session, select

from rxcrm.db.models import Change
from rxcrm.domain.records.history import CREATED, DELETED
from rxcrm.services.accounts.contacts import create_contact, delete_contact, update_contact
from rxcrm.services.records.history import history_of


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


def test_history_rows_name_fields_by_their_labels_custom_fields_too(session: Session, admin, rep) -> None:
    from rxcrm.services.accounts.accounts import create_account, update_account
    from rxcrm.services.people.field_visibility import VIEWER
    from rxcrm.services.records.custom_fields import create_custom_field
    from rxcrm.services.records.timeline_rows import history_rows

    create_custom_field(
        session, admin, {"entity": "account", "key": "tier", "label": "Customer tier", "type": "text"}
    )
    account = create_account(session, rep, {"name": "Acme", "zip": "50667"})
    changes = {"zip": "53111", "owner_id": admin.id, "custom": {"tier": "gold"}}
    update_account(session, rep, account.id, changes)
    session.info[VIEWER] = admin
    rows: dict[str, dict[str, str]] = {}
    for row in history_rows(session, history_of(session, "account", account.id)):  # newest first
        rows.setdefault(row["field"], row)
    assert (rows["ZIP"]["old"], rows["ZIP"]["new"]) == ("50667", "53111")
    assert rows["Owner"]["new"] == admin.name
    assert rows["Custom fields"]["new"] == "Customer tier: gold"
    assert not {"zip", "owner", "owner_id", "custom"} & set(rows)
