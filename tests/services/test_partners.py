"""Partners (spec §5.3, api.md "partners"): the network list, its rules, isolation of partner users."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from rxcrm.db.models import Account, Lead, Notification, Opportunity, User
from rxcrm.domain.errors import Conflict, Forbidden, NotFound, ValidationFailed
from rxcrm.services.accounts.accounts import get_account, update_account
from rxcrm.services.accounts.partners import (
    PartnerFilter,
    create_partner,
    delete_partner,
    get_partner,
    list_partners,
    search_partners,
    update_partner,
)
from rxcrm.services.leads.lifecycle import get_lead
from rxcrm.services.people.access import get_visible
from rxcrm.services.records.followers import follow, followers_of
from rxcrm.services.records.history import history_of
from rxcrm.services.records.listing import ListWindow
from tests.conftest import make_account, make_contact, make_lead, make_opportunity, make_partner, make_user


def names(page) -> list[str]:  # noqa: ANN001
    return [p.name for p in page.items]


def test_a_new_partner_needs_a_name_and_well_formed_contact_fields(session: Session, director: User) -> None:
    with pytest.raises(ValidationFailed) as refused:
        create_partner(
            session, director, {"email": "not-an-address", "phone": "call me", "website": "no site"}
        )
    assert set(refused.value.fields) == {"name", "email", "phone", "website"}


def test_the_creator_manages_a_new_partner_and_its_creation_is_in_history(
    session: Session, director: User
) -> None:
    partner = create_partner(
        session, director, {"name": " Brightside ", "website": "brightside.example", "city": "Graz"}
    )
    assert (partner.name, partner.owner_id, partner.website) == (
        "Brightside",
        director.id,
        "https://brightside.example",
    )
    fields = {row["field"] for row in history_of(session, "partner", partner.id)}
    assert {"(created)", "name", "city", "website"} <= fields
    assert [u.id for u in followers_of(session, director, "partner", partner.id)] == [director.id]


def test_an_edit_writes_only_real_changes_to_history(session: Session, director: User) -> None:
    partner = create_partner(session, director, {"name": "Alpen Consult", "city": "Linz"})
    update_partner(session, director, partner.id, {"city": "Wien", "name": "Alpen Consult"})
    changed = [(r["field"], r["old"], r["new"]) for r in history_of(session, "partner", partner.id)][0]
    assert changed == ("city", "Linz", "Wien")


def test_the_owner_hears_when_someone_else_changes_the_partner(
    session: Session, director: User, admin: User
) -> None:
    partner = create_partner(session, director, {"name": "Nordwind"})
    update_partner(session, admin, partner.id, {"phone": "+43 1 234"})
    messages = session.exec(select(Notification.message).where(Notification.user_id == director.id)).all()
    assert any("Nordwind" in m and "phone" in m for m in messages)


def test_the_list_searches_and_filters_by_active_owner_and_country(session: Session, rep: User) -> None:
    other = make_user(session)
    make_partner(session, name="Alpha Resellers", country="AT", owner_id=rep.id)
    make_partner(session, name="Beta Consult", country="DE", owner_id=other.id, city="Alphaville")
    make_partner(session, name="Gamma", country="AT", active=False, owner_id=rep.id)
    assert names(search_partners(session, rep, PartnerFilter(q="alpha"))) == [
        "Alpha Resellers",
        "Beta Consult",
    ]
    assert names(search_partners(session, rep, PartnerFilter(country="AT"))) == ["Alpha Resellers", "Gamma"]
    assert names(search_partners(session, rep, PartnerFilter(active=True, owner_id=rep.id))) == [
        "Alpha Resellers"
    ]
    assert names(search_partners(session, rep, PartnerFilter(), ListWindow("-name"))) == [
        "Gamma",
        "Beta Consult",
        "Alpha Resellers",
    ]


def test_a_partner_user_sees_only_his_own_partner(session: Session) -> None:
    ours, theirs = make_partner(session, name="Ours"), make_partner(session, name="Theirs")
    person = make_user(session, role="partner", partner_id=ours.id)
    assert names(search_partners(session, person, PartnerFilter())) == ["Ours"]
    assert get_partner(session, person, ours.id) is ours
    with pytest.raises(NotFound):
        get_partner(session, person, theirs.id)
    with pytest.raises(NotFound):
        update_partner(session, person, theirs.id, {"name": "Mine now"})


def test_a_partner_user_reads_but_does_not_edit_his_partner(session: Session) -> None:
    ours = make_partner(session, name="Ours")
    person = make_user(session, role="partner", partner_id=ours.id)
    with pytest.raises(Forbidden):
        update_partner(session, person, ours.id, {"name": "Renamed"})
    with pytest.raises(Forbidden):
        create_partner(session, person, {"name": "Another"})


def test_a_partner_user_never_reaches_another_partners_records(session: Session, rep: User) -> None:
    ours, theirs = make_partner(session), make_partner(session)
    person = make_user(session, role="partner", partner_id=ours.id)
    own_account, their_account = (
        make_account(session, partner_id=ours.id),
        make_account(session, partner_id=theirs.id),
    )
    own_lead, their_lead = make_lead(session, partner_id=ours.id), make_lead(session, partner_id=theirs.id)
    their_deal = make_opportunity(session, rep, partner_id=theirs.id)
    assert get_account(session, person, own_account.id) is own_account
    assert get_lead(session, person, own_lead.id) is own_lead
    for model, record in ((Account, their_account), (Lead, their_lead), (Opportunity, their_deal)):
        with pytest.raises(NotFound):
            get_visible(session, model, record.id, person, "record")


def test_an_account_assigned_to_a_partner_becomes_visible_to_its_users(session: Session, rep: User) -> None:
    partner = make_partner(session)
    person = make_user(session, role="partner", partner_id=partner.id)
    account = make_account(session, owner_id=rep.id)
    with pytest.raises(NotFound):
        get_account(session, person, account.id)
    update_account(session, rep, account.id, {"partner_id": partner.id})
    assert get_account(session, person, account.id) is account


def test_a_partner_with_records_is_not_deleted_and_the_refusal_names_them(
    session: Session, director: User
) -> None:
    partner = make_partner(session, name="Busy")
    make_account(session, partner_id=partner.id)
    make_lead(session, partner_id=partner.id)
    make_lead(session, partner_id=partner.id)
    make_contact(session, partner_id=partner.id, kind="consultant")
    make_user(session, role="partner", partner_id=partner.id)
    with pytest.raises(Conflict) as refused:
        delete_partner(session, director, partner.id)
    message = refused.value.message
    assert "1 users" in message and "1 consultants" in message and "1 accounts" in message
    assert "2 leads" in message and "deactivate" in message
    assert get_partner(session, director, partner.id) is partner


def test_a_busy_partner_is_deactivated_instead_and_leaves_the_pickers(
    session: Session, director: User
) -> None:
    partner = make_partner(session, name="Retired")
    make_lead(session, partner_id=partner.id)
    update_partner(session, director, partner.id, {"active": False})
    assert partner.active is False
    assert "Retired" not in [p.name for p in list_partners(session, director)]


def test_an_unused_partner_is_deleted_with_a_history_line(session: Session, director: User) -> None:
    partner = create_partner(session, director, {"name": "Short-lived"})
    delete_partner(session, director, partner.id)
    with pytest.raises(NotFound):
        get_partner(session, director, partner.id)
    assert history_of(session, "partner", partner.id)[0]["field"] == "(deleted)"


def test_a_rep_sees_partners_but_may_not_add_edit_or_delete_them(session: Session, rep: User) -> None:
    partner = make_partner(session, name="Seen")
    assert get_partner(session, rep, partner.id) is partner
    for refused in (
        lambda: create_partner(session, rep, {"name": "New"}),
        lambda: update_partner(session, rep, partner.id, {"city": "Graz"}),
        lambda: delete_partner(session, rep, partner.id),
    ):
        with pytest.raises(Forbidden):
            refused()


def test_any_user_who_sees_a_partner_may_follow_it(session: Session, rep: User, admin: User) -> None:
    partner = create_partner(session, admin, {"name": "Followed"})
    follow(session, rep, "partner", partner.id)
    assert {u.id for u in followers_of(session, rep, "partner", partner.id)} == {admin.id, rep.id}
    person = make_user(session, role="partner", partner_id=make_partner(session).id)
    with pytest.raises(NotFound):
        follow(session, person, "partner", partner.id)


def test_the_demo_partner_has_accounts_a_consultant_and_results_to_show(session: Session) -> None:
    from rxcrm.services.accounts.partner_rows import assigned_records
    from rxcrm.services.system.demo import PARTNER_USER, seed_demo

    counts = seed_demo(session, accounts=30, contacts=40, deals=20)
    person = session.exec(select(User).where(User.email == PARTNER_USER[0])).one()
    assert counts["partner_accounts"] == 2
    brightside = get_partner(session, person, person.partner_id)
    assert (brightside.city, brightside.country) == ("Wien", "AT")
    assigned = assigned_records(session, person, brightside.id)
    assert len(assigned["accounts"]) == 2 and [c["name"] for c in assigned["consultants"]] == ["Pia Berger"]
    assert names(search_partners(session, person, PartnerFilter())) == ["Brightside Resellers"]
