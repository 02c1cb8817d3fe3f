"""Type-to-search pickers: a few matching records by name, only those the user may see."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from rxcrm.db.models import Campaign
from rxcrm.domain.errors import ValidationFailed
from rxcrm.services.lookups import find_records, record_label
from tests.conftest import make_account, make_contact, make_partner, make_user


def test_a_lookup_finds_a_few_records_whose_name_contains_the_text(session: Session, admin) -> None:
    for n in range(12):
        make_account(session, name=f"Nordwind Logistik {n:02d}")
    make_account(session, name="Südsee Reisen")
    found = find_records(session, admin, "account", "  nordWIND ")
    assert len(found) == 8  # a short list to pick from, never all of them
    assert [name for _, name in found][:2] == ["Nordwind Logistik 00", "Nordwind Logistik 01"]
    assert [name for _, name in find_records(session, admin, "account", "südsee")] == ["Südsee Reisen"]


def test_contacts_partners_and_campaigns_are_looked_up_by_name(session: Session, admin) -> None:
    ada = make_contact(session, first_name="Ada", last_name="Lovelace")
    make_partner(session, name="Blue Channel")
    make_partner(session, name="Blue Gone", active=False)
    session.add(Campaign(name="Spring Mailing"))
    session.flush()
    assert find_records(session, admin, "contact", "lovel") == [(ada.id, "Ada Lovelace")]
    assert [n for _, n in find_records(session, admin, "partner", "blue")] == ["Blue Channel"]
    assert [n for _, n in find_records(session, admin, "campaign", "spring")] == ["Spring Mailing"]
    with pytest.raises(ValidationFailed):
        find_records(session, admin, "user", "a")


def test_a_lookup_never_offers_or_names_a_record_hidden_from_the_user(session: Session, admin, rep) -> None:
    limited = make_user(session, access_level="limited_crm")
    secret = make_contact(session, first_name="Secret", last_name="Person", owner_id=rep.id)
    assert find_records(session, limited, "contact", "secret") == []
    assert record_label(session, limited, "contact", secret.id) == ""
    assert record_label(session, admin, "contact", secret.id) == "Secret Person"
    account = make_account(session, name="Visible Works")
    assert record_label(session, admin, "account", account.id) == "Visible Works"
    assert record_label(session, admin, "account", 999_999) == ""
