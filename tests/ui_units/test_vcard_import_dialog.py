"""The 'Import vCard' dialog: a dropped file is previewed, then every card imported, or none."""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxcrm.db.models import Account, Contact, User
from rxcrm.domain.records.vcard import contact_vcard
from rxcrm.ui.records.vcard_import import VcardImportState
from tests.conftest import make_account
from tests.ui_units.event_loop import run_alone
from tests.ui_units.logged_in import logged_in_state
from tests.ui_units.test_import_page_limits import FakeFile

CARDS = contact_vcard({"first_name": "Bo", "last_name": "Ng"}, "ACME") + contact_vcard(
    {"last_name": "Oz"}, None
)


def test_contacts_are_previewed_and_imported(app_database: Engine, session: Session, rep: User) -> None:
    acme = make_account(session, name="ACME", owner_id=rep.id)
    dialog = logged_in_state(session, rep, VcardImportState, "vcard")
    VcardImportState.open_for.fn(dialog, "contacts")
    run_alone(VcardImportState.preview.fn(dialog, [FakeFile(CARDS.encode(), "team.vcf")]))
    assert (dialog.filename, dialog.cards, dialog.invalid) == ("team.vcf", 2, 0)
    assert [(r["name"], r["account"]) for r in dialog.rows] == [("Bo Ng", "ACME"), ("Oz", "")]
    assert session.exec(select(Contact)).all() == []
    VcardImportState.import_cards.fn(dialog)
    assert dialog.kind == ""
    contacts = session.exec(select(Contact).order_by(Contact.id)).all()
    assert [(c.last_name, c.account_id) for c in contacts] == [("Ng", acme.id), ("Oz", None)]


def test_a_card_with_a_problem_keeps_the_dialog_open_and_writes_nothing(
    app_database: Engine, session: Session, rep: User
) -> None:
    dialog = logged_in_state(session, rep, VcardImportState, "vcard-bad")
    VcardImportState.open_for.fn(dialog, "accounts")
    bad = "BEGIN:VCARD\nFN:Eve Bad\nEMAIL:nope\nEND:VCARD\n"
    run_alone(VcardImportState.preview.fn(dialog, [FakeFile(bad.encode(), "bad.vcf")]))
    assert dialog.invalid == 1 and "email" in dialog.rows[0]["problems"]
    VcardImportState.import_cards.fn(dialog)
    assert dialog.kind == "accounts" and session.exec(select(Account)).all() == []
