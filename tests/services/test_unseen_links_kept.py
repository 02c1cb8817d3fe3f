"""A form sent back unchanged keeps the links its user cannot see; naming such a record anew is refused."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from rxcrm.domain.errors import ValidationFailed
from rxcrm.services.accounts.contacts import update_contact
from rxcrm.services.leads.lifecycle import update_lead
from tests.conftest import make_account, make_contact, make_lead, make_partner, make_user


def test_a_partner_user_editing_a_contact_keeps_its_internal_owner_and_account(session: Session) -> None:
    ours = make_partner(session)
    person = make_user(session, role="partner", partner_id=ours.id)
    rep, hidden_account = make_user(session, name="Inge Internal"), make_account(session, name="Internal Co")
    contact = make_contact(session, partner_id=ours.id, owner_id=rep.id, account_id=hidden_account.id)
    session.commit()
    sent_back = {"phone": "+49 30 1234", "owner_id": rep.id, "account_id": hidden_account.id}
    update_contact(session, person, contact.id, sent_back)
    assert (contact.phone, contact.owner_id, contact.account_id) == ("+49 30 1234", rep.id, hidden_account.id)
    other = make_account(session, name="Another Internal Co")
    with pytest.raises(ValidationFailed) as refused:
        update_contact(session, person, contact.id, {"account_id": other.id})
    assert "account_id" in refused.value.fields


def test_a_lead_keeps_its_deactivated_owner_when_saved_unchanged(session: Session) -> None:
    gone = make_user(session, name="Gone Owner", active=False)
    lead = make_lead(session, name="Kept lead", owner_id=gone.id)
    editor = make_user(session, role="admin")
    session.commit()
    update_lead(session, editor, lead.id, {"name": "Kept lead, renamed", "owner_id": gone.id})
    assert (lead.name, lead.owner_id) == ("Kept lead, renamed", gone.id)
    with pytest.raises(ValidationFailed) as refused:
        update_lead(session, editor, make_lead(session, name="Other").id, {"owner_id": gone.id})
    assert "owner_id" in refused.value.fields
