"""The demo's partner network: Brightside Resellers with its accounts, deals and a consultant, and a
second partner with nothing assigned yet (so its page shows what a new partner looks like)."""

from __future__ import annotations

from sqlmodel import Session

from rxcrm.db.models import Account, Contact, Opportunity, Partner, User
from rxcrm.services.records.changes import insert_record, update_record

EVERY_NTH_ACCOUNT = 25  # 8 of the 200 demo accounts are Brightside's


def seed_demo_partners(
    session: Session, admin: User, partner: Partner, accounts: list[Account], deals: list[Opportunity]
) -> int:
    """Complete Brightside's record, give it some accounts (with their deals) and a consultant, and add
    a second partner; returns how many accounts went to Brightside."""
    brightside = {
        "website": "https://brightside.example",
        "city": "Wien",
        "country": "AT",
        "owner_id": admin.id,
    }
    update_record(session, "partner", partner, brightside, admin)
    theirs = accounts[::EVERY_NTH_ACCOUNT]
    for account in theirs:
        update_record(session, "account", account, {"partner_id": partner.id}, admin)
    ids = {a.id for a in theirs}
    for deal in deals:
        if deal.account_id in ids:
            update_record(session, "opportunity", deal, {"partner_id": partner.id}, admin)
    consultant = Contact(first_name="Pia", last_name="Berger", kind="consultant", partner_id=partner.id)
    insert_record(session, "contact", consultant, admin)
    nordlicht = Partner(name="Nordlicht Consulting", city="Hamburg", country="DE", owner_id=admin.id)
    insert_record(session, "partner", nordlicht, admin)
    return len(theirs)
