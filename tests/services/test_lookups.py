"""Type-to-search pickers: a few matching records by name, only those the user may see."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from rxcrm.db.models import Campaign, Project
from rxcrm.domain.errors import ValidationFailed
from rxcrm.services.records.lookups import find_records, record_label
from tests.conftest import make_account, make_contact, make_partner, make_user
from tests.services.commerce.quote_rows import make_book, make_entry


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
        find_records(session, admin, "stage", "a")


def test_a_lookup_never_offers_or_names_a_record_hidden_from_the_user(session: Session, admin, rep) -> None:
    limited = make_user(session, access_level="limited_crm")
    secret = make_contact(session, first_name="Secret", last_name="Person", owner_id=rep.id)
    assert find_records(session, limited, "contact", "secret") == []
    assert record_label(session, limited, "contact", secret.id) == ""
    assert record_label(session, admin, "contact", secret.id) == "Secret Person"
    account = make_account(session, name="Visible Works")
    assert record_label(session, admin, "account", account.id) == "Visible Works"
    assert record_label(session, admin, "account", 999_999) == ""


def test_a_new_owner_is_an_active_colleague_while_a_filter_names_anyone_in_the_directory(
    session: Session, admin
) -> None:
    active = make_user(session, name="Olga Active")
    gone = make_user(session, name="Olga Gone", active=False)
    channel = make_partner(session, name="Olga Channel")
    outsider = make_user(session, name="Olga Partnerrep", role="partner", partner_id=channel.id)
    assert find_records(session, admin, "owner", "olga") == [(active.id, "Olga Active")]
    assert [i for i, _ in find_records(session, admin, "user", "olga")] == [active.id, gone.id, outsider.id]
    assert record_label(session, admin, "owner", gone.id) == "Olga Gone"  # a kept owner is still named


def test_a_partner_user_finds_only_his_partners_world(session: Session, admin) -> None:
    ours, theirs = make_partner(session, name="Ours Channel"), make_partner(session, name="Theirs Channel")
    me = make_user(session, name="Pia Partner", role="partner", partner_id=ours.id)
    colleague = make_user(session, name="Pia Colleague", role="partner", partner_id=ours.id)
    make_user(session, name="Pia Staff")
    make_user(session, name="Pia Other", role="partner", partner_id=theirs.id)
    internal = make_account(session, name="Pia Internal Works")
    own = make_account(session, name="Pia Partner Works", partner_id=ours.id)
    assert [n for _, n in find_records(session, me, "owner", "pia")] == ["Pia Colleague", "Pia Partner"]
    assert [n for _, n in find_records(session, me, "user", "pia")] == ["Pia Colleague", "Pia Partner"]
    assert find_records(session, me, "account", "pia") == [(own.id, "Pia Partner Works")]
    assert record_label(session, me, "account", internal.id) == ""
    assert [n for _, n in find_records(session, me, "partner", "channel")] == ["Ours Channel"]
    assert record_label(session, me, "user", colleague.id) == "Pia Colleague"
    assert record_label(session, admin, "owner", me.id) == "Pia Partner"


def test_projects_with_crm_enabled_are_looked_up_by_name(session: Session, admin) -> None:
    session.add_all([Project(name="Solar Roofs"), Project(name="Solar Archive", crm_enabled=False)])
    session.flush()
    assert [n for _, n in find_records(session, admin, "project", "solar")] == ["Solar Roofs"]


def test_a_product_is_found_by_name_or_code_with_its_price_the_quotes_book_first(
    session: Session, admin
) -> None:
    main, other = make_book(session, name="Main Book"), make_book(session, name="Other Book")
    elsewhere = make_entry(session, other, "90.00", name="Anvil", code="AN-1")
    here = make_entry(session, main, "120.00", name="Widget", code="WX-100")
    retired = make_book(session, name="Retired Book", active=False)
    make_entry(session, retired, "1.00", name="Widget Old", code="WX-OLD")
    found = find_records(session, admin, "price_entry", "wx-1", scope=str(main.id))
    assert found == [(here.id, "Widget (WX-100) · piece · 120.00 EUR · Main Book")]
    make_entry(session, main, "5.00", name="Anvil Small", code="AN-2")
    ordered = [i for i, _ in find_records(session, admin, "price_entry", "anvil", scope=main.id)]
    assert ordered[1] == elsewhere.id  # the quote's own book first
    assert record_label(session, admin, "price_entry", here.id).startswith("Widget (WX-100)")


def test_an_active_product_is_found_by_name_or_code_for_a_price_book(session: Session, admin) -> None:
    book = make_book(session)
    seat = make_entry(session, book, "9.00", name="Browser Seat", code="BR-SEAT")
    make_entry(session, book, "9.00", name="Browser Seat Old", code="BR-OLD", active=False)
    assert find_records(session, admin, "product", "br-se") == [(seat.product_id, "Browser Seat · BR-SEAT")]
    assert record_label(session, admin, "product", seat.product_id) == "Browser Seat · BR-SEAT"
    partner = make_user(session, role="partner", partner_id=make_partner(session).id)
    assert record_label(session, partner, "product", seat.product_id) == ""  # no catalogue for partners


def test_rule_people_are_active_users_and_targets_name_only_active_reps_and_directors(
    session: Session, admin
) -> None:
    rep = make_user(session, name="Rita Rep")
    director = make_user(session, name="Rita Director", role="director")
    make_user(session, name="Rita Gone", active=False)
    channel = make_partner(session, name="Rita Channel")
    outsider = make_user(session, name="Rita Partnerrep", role="partner", partner_id=channel.id)
    make_user(session, name="Rita Admin", role="admin")
    assert [n for _, n in find_records(session, admin, "active_user", "rita")] == [
        "Rita Admin",
        "Rita Director",
        "Rita Partnerrep",
        "Rita Rep",
    ]
    assert find_records(session, admin, "sales_user", "rita") == [
        (director.id, "Rita Director"),
        (rep.id, "Rita Rep"),
    ]
    assert record_label(session, admin, "sales_user", outsider.id) == ""
    assert find_records(session, outsider, "active_user", "rita") == [(outsider.id, "Rita Partnerrep")]


def test_a_bundle_takes_entries_of_its_own_price_book_only(session: Session, admin) -> None:
    main, other = make_book(session, name="Bundle Book"), make_book(session, name="Elsewhere Book")
    here = make_entry(session, main, "10.00", name="Bolt", code="BO-1")
    make_entry(session, other, "11.00", name="Bolt Elsewhere", code="BO-2")
    assert [i for i, _ in find_records(session, admin, "book_entry", "bolt", scope=main.id)] == [here.id]
    assert find_records(session, admin, "book_entry", "bolt") == []  # no book, no entries
    assert record_label(session, admin, "book_entry", here.id, main.id).startswith("Bolt (BO-1)")
    assert record_label(session, admin, "book_entry", here.id, other.id) == ""
