"""Spec §2.2–§2.3: lead lists by sales-activity state, duplicates, merge, disqualify, archive, anonymize."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from rxcrm.db.models import Activity, ActivityCategory, Change, Lead, Notification, User
from rxcrm.db.types import utcnow
from rxcrm.domain.errors import Conflict, ValidationFailed
from rxcrm.services.leads.campaigns import create_campaign
from rxcrm.services.leads.lifecycle import (
    LeadFilter,
    anonymize_lead,
    create_lead,
    delete_lead,
    disqualify_lead,
    list_leads,
    set_archived,
    state_counts,
    update_lead,
)
from rxcrm.services.leads.merging import merge_duplicate
from rxcrm.services.records.activities import create_activity
from rxcrm.services.records.followers import follow
from rxcrm.services.records.listing import ListWindow
from tests.conftest import make_lead, make_partner, make_user

LONG_AGO = timedelta(days=3)


def log(session: Session, actor: User, lead: Lead, category: str, note: str | None = None) -> Activity:
    """Log an activity of a default category ('Call', 'Meeting', …) on a lead."""
    category_id = session.exec(select(ActivityCategory.id).where(ActivityCategory.name == category)).one()
    return create_activity(
        session, actor, {"entity": "lead", "entity_id": lead.id, "category_id": category_id, "note": note}
    )


def listed(session: Session, actor: User, state: str | None = None, q: str | None = None) -> set[str]:
    """Names of the leads in one list."""
    page = list_leads(session, actor, LeadFilter(state=state, q=q), ListWindow(limit=500))
    return {lead.name for lead in page.items}


@pytest.fixture
def desk(session: Session, rep: User) -> None:
    """A fixed set of leads, one per situation the lists distinguish."""
    old = utcnow() - LONG_AGO
    partner = make_partner(session)
    called = make_lead(session, name="called today", owner_id=rep.id)
    met = make_lead(session, name="met today", owner_id=rep.id)
    make_lead(session, name="free unprocessed", routing="unprocessed", created_at=old)
    make_lead(session, name="free manual", routing="manual", created_at=old)
    make_lead(session, name="partner's", partner_id=partner.id, routing="routed", created_at=old)
    make_lead(session, name="qualified", status="qualified", owner_id=rep.id, created_at=old)
    make_lead(session, name="disqualified", status="disqualified", owner_id=rep.id, created_at=old)
    archived_called = make_lead(session, name="archived open", archived=True, created_at=old)
    make_lead(session, name="archived qualified", status="qualified", archived=True)
    log(session, rep, called, "Call")
    log(session, rep, met, "Meeting")
    log(session, rep, archived_called, "Call")
    session.commit()


EXPECTED = {
    "open": {"called today", "met today", "free unprocessed", "free manual", "partner's"},
    "untouched": {"free unprocessed", "free manual", "partner's"},
    "today": {"called today", "met today"},
    "called": {"called today"},
    "qualified": {"qualified"},
    "disqualified": {"disqualified"},
    "archived": {"archived open", "archived qualified"},
    "free": {"free unprocessed", "free manual"},
    "unprocessed": {"free unprocessed"},
}


@pytest.mark.parametrize("state", list(EXPECTED))
def test_each_list_holds_exactly_its_leads(session: Session, rep: User, desk: None, state: str) -> None:
    assert listed(session, rep, state) == EXPECTED[state]


def test_the_tab_counts_match_the_lists(session: Session, rep: User, desk: None) -> None:
    assert state_counts(session, rep) == {state: len(names) for state, names in EXPECTED.items()}


def test_without_a_state_every_lead_is_listed(session: Session, rep: User, desk: None) -> None:
    assert len(listed(session, rep)) == 9


def test_an_unknown_list_is_refused(session: Session, rep: User) -> None:
    with pytest.raises(ValidationFailed) as caught:
        list_leads(session, rep, LeadFilter(state="hot"))
    assert set(caught.value.fields) == {"state"}


def test_search_finds_name_company_and_email_case_insensitively(session: Session, rep: User) -> None:
    make_lead(session, name="Anna Berg", company="Acme", email="anna@acme.test")
    make_lead(session, name="Bruno Costa", company="Globex", email="bruno@globex.test")
    assert listed(session, rep, q="ACME") == {"Anna Berg"}
    assert listed(session, rep, q="bruno@") == {"Bruno Costa"}
    assert listed(session, rep, q="costa") == {"Bruno Costa"}


def test_a_lead_entered_by_a_rep_is_his_unless_the_form_names_no_owner(session: Session, rep: User) -> None:
    own = create_lead(session, rep, {"name": "Ben Kohl"})
    assert (own.owner_id, own.routing) == (rep.id, "manual")
    lead = create_lead(session, rep, {"name": "Anna Berg", "owner_id": None})
    assert (lead.routing, lead.owner_id, lead.created_by_id) == ("unprocessed", None, rep.id)
    assert listed(session, rep, "unprocessed") == {"Anna Berg"}
    update_lead(session, rep, lead.id, {"owner_id": rep.id})
    assert lead.routing == "manual"
    assert listed(session, rep, "free") == set()


def test_a_lead_entered_with_an_owner_is_not_in_the_free_pool(session: Session, rep: User) -> None:
    lead = create_lead(session, rep, {"name": "Anna Berg", "owner_id": rep.id})
    assert lead.routing == "manual"
    assert listed(session, rep, "free") == set()


def test_same_email_in_another_case_is_a_duplicate(session: Session, rep: User) -> None:
    first = create_lead(session, rep, {"name": "Anna Berg", "email": "Anna.Berg@Acme.test"})
    second = create_lead(session, rep, {"name": "A. B.", "email": "  anna.berg@acme.TEST "})
    assert first.duplicate_of_id is None
    assert second.duplicate_of_id == first.id
    assert second.email == "anna.berg@acme.TEST"


def test_same_phone_written_differently_is_a_duplicate(session: Session, rep: User) -> None:
    first = create_lead(session, rep, {"name": "Anna", "phone": "+49 (30) 123-4567"})
    second = create_lead(session, rep, {"name": "Somebody", "phone": "0049 30 1234567"})
    assert second.duplicate_of_id == first.id


def test_same_name_and_company_is_a_duplicate(session: Session, rep: User) -> None:
    first = create_lead(session, rep, {"name": "Anna Müller", "company": "ACME GmbH"})
    second = create_lead(session, rep, {"name": "muller anna", "company": "Acme"})
    other = create_lead(session, rep, {"name": "Anna Müller", "company": "Globex"})
    assert second.duplicate_of_id == first.id
    assert other.duplicate_of_id is None


def test_duplicates_are_listed_with_the_duplicates_filter(session: Session, rep: User) -> None:
    create_lead(session, rep, {"name": "Anna", "email": "anna@acme.test"})
    create_lead(session, rep, {"name": "Anna again", "email": "anna@acme.test"})
    page = list_leads(session, rep, LeadFilter(duplicates=True))
    assert [lead.name for lead in page.items] == ["Anna again"]


def test_merging_fills_the_original_moves_activities_and_deletes_the_duplicate(
    session: Session, rep: User
) -> None:
    original = create_lead(session, rep, {"name": "Anna Berg", "email": "anna@acme.test", "source": "web"})
    duplicate = create_lead(
        session,
        rep,
        {
            "name": "A. Berg",
            "email": "anna@acme.test",
            "company": "Acme",
            "phone": "+49 30 1234567",
            "source": "fair",
        },
    )
    call = log(session, rep, duplicate, "Call", "asked for a demo")
    merged = merge_duplicate(session, rep, duplicate.id)
    session.commit()
    assert merged.id == original.id
    assert (merged.name, merged.company, merged.phone, merged.source) == (
        "Anna Berg",
        "Acme",
        "+49 30 1234567",
        "web",
    )
    assert session.get(Lead, duplicate.id) is None
    assert session.get(Activity, call.id).entity_id == original.id
    lines = session.exec(select(Change).where(Change.entity == "lead", Change.entity_id == original.id)).all()
    assert ("merged", f"lead {duplicate.id}") in {(c.field, c.new) for c in lines}
    assert ("company", "Acme") in {(c.field, c.new) for c in lines}
    again = create_lead(session, rep, {"name": "Caller", "phone": "030 1234567 "})
    assert again.duplicate_of_id is None
    by_phone = create_lead(session, rep, {"name": "Caller", "phone": "+49 30 1234567"})
    assert by_phone.duplicate_of_id == original.id


def test_leads_pointing_at_a_merged_duplicate_then_point_at_the_original(session: Session, rep: User) -> None:
    original = create_lead(session, rep, {"name": "Anna", "email": "anna@acme.test"})
    duplicate = create_lead(
        session, rep, {"name": "Anna", "email": "anna@acme.test", "phone": "+49 30 1234567"}
    )
    third = create_lead(session, rep, {"name": "Caller", "phone": "+49 30 1234567"})
    assert third.duplicate_of_id == duplicate.id
    merge_duplicate(session, rep, duplicate.id)
    session.commit()
    assert session.get(Lead, third.id).duplicate_of_id == original.id


def test_only_a_duplicate_can_be_merged(session: Session, rep: User) -> None:
    lead = create_lead(session, rep, {"name": "Anna"})
    with pytest.raises(ValidationFailed) as caught:
        merge_duplicate(session, rep, lead.id)
    assert set(caught.value.fields) == {"duplicate_of_id"}


def test_deleting_an_original_unlinks_its_duplicates(session: Session, rep: User) -> None:
    original = create_lead(session, rep, {"name": "Anna", "email": "anna@acme.test"})
    duplicate = create_lead(session, rep, {"name": "Anna", "email": "anna@acme.test"})
    delete_lead(session, rep, original.id)
    session.commit()
    assert session.get(Lead, duplicate.id).duplicate_of_id is None


def test_disqualifying_keeps_the_reason_and_closes_the_lead(session: Session, rep: User) -> None:
    lead = create_lead(session, rep, {"name": "Anna", "owner_id": rep.id})
    disqualify_lead(session, rep, lead.id, "  No budget ", "disqualified")
    session.commit()
    assert (lead.status, lead.disqualify_reason) == ("disqualified", "No budget")
    assert listed(session, rep, "disqualified") == {"Anna"}
    assert listed(session, rep, "open") == set()
    lines = session.exec(
        select(Change).where(Change.entity == "lead", Change.field == "status", Change.action == "update")
    ).all()
    assert [(c.old, c.new) for c in lines] == [("open", "disqualified")]


def test_disqualifying_needs_a_reason(session: Session, rep: User) -> None:
    lead = create_lead(session, rep, {"name": "Anna"})
    with pytest.raises(ValidationFailed) as caught:
        disqualify_lead(session, rep, lead.id, " ")
    assert set(caught.value.fields) == {"reason"}
    assert lead.status == "open"


def test_disqualify_only_sets_the_disqualified_status(session: Session, rep: User) -> None:
    lead = create_lead(session, rep, {"name": "Anna"})
    with pytest.raises(ValidationFailed) as caught:
        disqualify_lead(session, rep, lead.id, "spam", "qualified")
    assert set(caught.value.fields) == {"status"}


@pytest.mark.parametrize(
    "situation",
    [{"status": "qualified"}, {"status": "disqualified"}, {"archived": True}, {"anonymized": True}],
)
def test_only_an_open_lead_can_be_disqualified(session: Session, rep: User, situation: dict) -> None:
    lead = make_lead(session, **situation)
    with pytest.raises(Conflict):
        disqualify_lead(session, rep, lead.id, "spam")


def test_archiving_and_unarchiving(session: Session, rep: User) -> None:
    lead = create_lead(session, rep, {"name": "Anna"})
    set_archived(session, rep, lead.id, True)
    assert listed(session, rep, "archived") == {"Anna"} and listed(session, rep, "open") == set()
    with pytest.raises(Conflict, match="already archived"):
        set_archived(session, rep, lead.id, True)
    set_archived(session, rep, lead.id, False)
    assert listed(session, rep, "open") == {"Anna"} and listed(session, rep, "archived") == set()
    with pytest.raises(Conflict, match="not archived"):
        set_archived(session, rep, lead.id, False)


def test_the_status_cannot_be_edited_directly(session: Session, rep: User) -> None:
    lead = create_lead(session, rep, {"name": "Anna"})
    with pytest.raises(ValidationFailed) as caught:
        update_lead(session, rep, lead.id, {"status": "qualified"})
    assert caught.value.fields == {"status": "use qualify or disqualify to change the status"}
    update_lead(session, rep, lead.id, {"status": "open", "priority": "high"})
    assert (lead.status, lead.priority) == ("open", "high")


def test_an_edit_recomputes_the_duplicate_keys(session: Session, rep: User) -> None:
    lead = create_lead(session, rep, {"name": "Anna", "email": "old@acme.test"})
    update_lead(session, rep, lead.id, {"email": "New@Acme.test"})
    assert lead.email_key == "new@acme.test"
    assert create_lead(session, rep, {"name": "X", "email": "new@acme.test"}).duplicate_of_id == lead.id


def test_an_edit_cannot_blank_both_name_and_email(session: Session, rep: User) -> None:
    lead = create_lead(session, rep, {"name": "Anna"})
    with pytest.raises(ValidationFailed) as caught:
        update_lead(session, rep, lead.id, {"name": " "})
    assert set(caught.value.fields) == {"name"}


PERSONAL = ("Anna", "Berg", "anna.berg@acme.test", "9876543", "1112223", "Umbrella")


def leaked(rows: list, words: tuple[str, ...] = PERSONAL) -> list[str]:
    """Every text value of these rows that still contains a piece of the person's data."""
    found = []
    for row in rows:
        for field, value in row.model_dump().items():
            text = str(value).lower()
            found += [f"{type(row).__name__}.{field}={value!r}" for w in words if w.lower() in text]
    return found


@pytest.fixture
def worked_lead(session: Session, rep: User) -> Lead:
    """A lead with history, activities and notifications that all name the person."""
    owner = make_user(session, name="Otto Owner")
    follower = make_user(session, name="Fay Follower")
    campaign = create_campaign(session, make_user(session, role="admin"), {"name": "Spring fair"})
    lead = create_lead(
        session,
        rep,
        {
            "name": "Anna Berg",
            "company": "Umbrella Corp",
            "email": "anna.berg@acme.test",
            "phone": "+49 30 9876543",
            "source": "fair",
            "campaign_id": campaign.id,
            "owner_id": owner.id,
        },
    )
    follow(session, follower, "lead", lead.id, None)
    update_lead(session, rep, lead.id, {"name": "Anna M. Berg", "phone": "+49 30 1112223"})
    log(session, rep, lead, "Call", "Anna Berg asked to call back on +49 30 9876543")
    log(session, owner, lead, "Note", "anna.berg@acme.test is her private address")
    session.commit()
    return lead


def personal_rows(session: Session, lead_id: int, activity_ids: list[int]) -> list:
    """The lead, its history, its activities with their history, and the notifications about it."""
    session.expire_all()
    return [
        session.get(Lead, lead_id),
        *session.exec(select(Change).where(Change.entity == "lead", Change.entity_id == lead_id)).all(),
        *session.exec(
            select(Change).where(Change.entity == "activity", Change.entity_id.in_(activity_ids))
        ).all(),
        *session.exec(select(Activity).where(Activity.id.in_(activity_ids))).all(),
        *session.exec(
            select(Notification).where(Notification.entity == "lead", Notification.entity_id == lead_id)
        ).all(),
    ]


def test_the_worked_lead_really_spreads_personal_data(session: Session, worked_lead: Lead) -> None:
    ids = list(session.exec(select(Activity.id).where(Activity.entity_id == worked_lead.id)).all())
    rows = personal_rows(session, worked_lead.id, ids)
    names = {type(r).__name__ for r in rows}
    assert names == {"Lead", "Change", "Activity", "Notification"}
    assert len(leaked(rows)) > 10


def test_anonymizing_leaves_no_personal_data_anywhere(session: Session, rep: User, worked_lead: Lead) -> None:
    ids = list(session.exec(select(Activity.id).where(Activity.entity_id == worked_lead.id)).all())
    anonymize_lead(session, rep, worked_lead.id)
    session.commit()
    assert leaked(personal_rows(session, worked_lead.id, ids)) == []
    assert len(ids) == 2 and all(session.get(Activity, i) is not None for i in ids)


def test_anonymizing_also_erases_merged_duplicates_and_the_disqualify_reason(
    session: Session, rep: User, worked_lead: Lead
) -> None:
    duplicate = create_lead(
        session, rep, {"name": "Anna Berg", "email": "Anna.Berg@acme.test", "country": "DE"}
    )
    assert duplicate.duplicate_of_id == worked_lead.id
    merge_duplicate(session, rep, duplicate.id)
    disqualify_lead(session, rep, worked_lead.id, "Anna Berg only wanted a brochure")
    ids = list(session.exec(select(Activity.id).where(Activity.entity_id == worked_lead.id)).all())
    assert leaked(personal_rows(session, duplicate.id, [])[1:])
    anonymize_lead(session, rep, worked_lead.id)
    session.commit()
    assert (
        leaked(personal_rows(session, worked_lead.id, ids) + personal_rows(session, duplicate.id, [])[1:])
        == []
    )
    assert session.get(Lead, worked_lead.id).status == "disqualified"


def test_anonymizing_keeps_the_statistics(session: Session, rep: User, worked_lead: Lead) -> None:
    before = (
        worked_lead.status,
        worked_lead.source,
        worked_lead.campaign_id,
        worked_lead.owner_id,
        worked_lead.created_at,
    )
    anonymize_lead(session, rep, worked_lead.id)
    session.commit()
    session.expire_all()
    lead = session.get(Lead, worked_lead.id)
    assert (lead.status, lead.source, lead.campaign_id, lead.owner_id, lead.created_at) == before
    assert before[:2] == ("open", "fair") and before[2] is not None
    assert (lead.name, lead.anonymized) == ("(anonymized)", True)


def test_an_anonymized_lead_is_no_longer_anybodys_duplicate(
    session: Session, rep: User, worked_lead: Lead
) -> None:
    anonymize_lead(session, rep, worked_lead.id)
    again = create_lead(
        session, rep, {"name": "Anna Berg", "email": "anna.berg@acme.test", "company": "Umbrella"}
    )
    assert again.duplicate_of_id is None


def test_anonymizing_twice_is_a_conflict(session: Session, rep: User, worked_lead: Lead) -> None:
    anonymize_lead(session, rep, worked_lead.id)
    with pytest.raises(Conflict):
        anonymize_lead(session, rep, worked_lead.id)


def test_an_anonymized_lead_cannot_be_edited_or_merged(
    session: Session, rep: User, worked_lead: Lead
) -> None:
    anonymize_lead(session, rep, worked_lead.id)
    with pytest.raises(Conflict):
        update_lead(session, rep, worked_lead.id, {"name": "Anna Berg"})
    duplicate = make_lead(session, name="Someone", duplicate_of_id=worked_lead.id)
    with pytest.raises(Conflict):
        merge_duplicate(session, rep, duplicate.id)
