"""Spec §1.5–§1.6 on leads: each scope and role sees exactly its leads in lists, counts, search, by id."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from rxcrm.db.models import Lead, User
from rxcrm.domain.errors import NotFound
from rxcrm.services.leads.campaigns import create_campaign, list_campaigns
from rxcrm.services.leads.lifecycle import (
    LeadFilter,
    disqualify_lead,
    get_lead,
    list_leads,
    state_counts,
    update_lead,
)
from rxcrm.services.people.permissions import set_permission
from rxcrm.services.records.followers import add_followers
from rxcrm.services.records.listing import ListWindow
from tests.conftest import make_lead, make_partner, make_user

WORD = "Zephyr"


def names(session: Session, user: User, q: str | None = None) -> set[str]:
    """Names of the leads a user finds in the full list (or by a search)."""
    return {lead.name for lead in list_leads(session, user, LeadFilter(q=q), ListWindow(limit=500)).items}


@pytest.fixture
def leads(session: Session) -> dict[str, Lead]:
    """Leads of a limited rep: owned, co-managed, followed, someone else's, and an unassigned one."""
    limited = make_user(session, access_level="limited_crm", name="Lima")
    other = make_user(session, name="Oscar")
    made = {
        "owned": make_lead(session, name=f"{WORD} owned", owner_id=limited.id),
        "co-managed": make_lead(
            session, name=f"{WORD} co-managed", owner_id=other.id, second_owner_id=limited.id
        ),
        "followed": make_lead(session, name=f"{WORD} followed", owner_id=other.id),
        "someone else's": make_lead(session, name=f"{WORD} someone else's", owner_id=other.id),
        "unassigned": make_lead(session, name=f"{WORD} unassigned"),
        "closed, owned": make_lead(session, name="closed, owned", owner_id=limited.id, status="qualified"),
    }
    add_followers(session, "lead", made["followed"].id, [limited.id])
    session.commit()
    return made


def user_named(session: Session, name: str) -> User:
    """The user of the fixture with this name."""
    return session.exec(select(User).where(User.name == name)).one()


def test_a_limited_crm_rep_lists_only_leads_he_manages_or_follows(session: Session, leads: dict) -> None:
    limited = user_named(session, "Lima")
    assert names(session, limited) == {
        f"{WORD} owned",
        f"{WORD} co-managed",
        f"{WORD} followed",
        "closed, owned",
    }
    assert names(session, limited, q=WORD) == {f"{WORD} owned", f"{WORD} co-managed", f"{WORD} followed"}


def test_a_limited_crm_rep_counts_only_his_leads(session: Session, leads: dict) -> None:
    counts = state_counts(session, user_named(session, "Lima"))
    assert (counts["open"], counts["untouched"], counts["qualified"], counts["free"]) == (3, 3, 1, 0)


def test_a_limited_crm_rep_cannot_reach_other_leads_by_id(session: Session, leads: dict) -> None:
    limited = user_named(session, "Lima")
    assert get_lead(session, limited, leads["followed"].id).id == leads["followed"].id
    for hidden in (leads["someone else's"], leads["unassigned"]):
        with pytest.raises(NotFound):
            get_lead(session, limited, hidden.id)
        with pytest.raises(NotFound):
            update_lead(session, limited, hidden.id, {"priority": "high"})
        with pytest.raises(NotFound):
            disqualify_lead(session, limited, hidden.id, "spam")


def test_a_full_access_rep_sees_every_lead(session: Session, leads: dict, rep: User) -> None:
    assert len(names(session, rep)) == 6
    assert state_counts(session, rep)["open"] == 5


def test_a_limited_opportunities_rep_sees_every_lead(session: Session, leads: dict) -> None:
    narrow = make_user(session, access_level="limited_opportunities")
    assert len(names(session, narrow)) == 6
    assert get_lead(session, narrow, leads["someone else's"].id).name == f"{WORD} someone else's"


def test_a_partner_user_sees_only_his_partners_leads(session: Session) -> None:
    ours, theirs = make_partner(session), make_partner(session)
    person = make_user(session, role="partner", partner_id=ours.id)
    make_lead(session, name="ours 1", partner_id=ours.id)
    make_lead(session, name="ours 2", partner_id=ours.id, owner_id=make_user(session).id)
    other = make_lead(session, name="theirs", partner_id=theirs.id)
    make_lead(session, name="nobody's", owner_id=person.id)
    session.commit()
    assert names(session, person) == {"ours 1", "ours 2"}
    assert state_counts(session, person)["open"] == 2
    with pytest.raises(NotFound):
        get_lead(session, person, other.id)


def test_a_role_without_view_on_leads_sees_none(
    session: Session, leads: dict, rep: User, admin: User
) -> None:
    set_permission(session, admin, "rep", "leads", "view", False)
    session.commit()
    assert names(session, rep) == set()
    assert set(state_counts(session, rep).values()) == {0}
    with pytest.raises(NotFound):
        get_lead(session, rep, leads["owned"].id)
    assert len(names(session, admin)) == 6


def test_campaign_lead_counts_only_count_visible_leads(session: Session, leads: dict, admin: User) -> None:
    campaign = create_campaign(session, admin, {"name": "Fair"})
    for lead in leads.values():
        lead.campaign_id = campaign.id
        session.add(lead)
    session.commit()
    (row,) = list_campaigns(session, user_named(session, "Lima"))
    assert (row["leads"], row["open_leads"], row["disqualified_leads"]) == (4, 3, 0)
    (row,) = list_campaigns(session, admin)
    assert (row["leads"], row["open_leads"]) == (6, 5)
