"""What the lead pages show: names for links, the duplicate's original, and only what the user may see."""

from __future__ import annotations

from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.services.leads.campaigns import create_campaign
from rxcrm.services.leads.lifecycle import lead_sources
from rxcrm.services.leads.rows import lead_data, lead_header, lead_rows, state_tabs
from rxcrm.services.people.field_visibility import VIEWER
from tests.conftest import make_lead, make_partner, make_user


def test_list_rows_name_owner_partner_campaign_and_the_original_of_a_duplicate(
    session: Session, admin: User, rep: User
) -> None:
    campaign = create_campaign(session, admin, {"name": "Spring fair"})
    partner = make_partner(session, name="Reseller Ltd")
    original = make_lead(session, name="Anna Berg", campaign_id=campaign.id, owner_id=rep.id)
    duplicate = make_lead(session, name=None, email="anna@acme.test", partner_id=partner.id)
    duplicate.duplicate_of_id = original.id
    rows = lead_rows(session, [original, duplicate])
    assert (rows[0]["campaign"], rows[0]["owner"], rows[0]["duplicate_of"]) == ("Spring fair", rep.name, "")
    assert (rows[1]["name"], rows[1]["partner"], rows[1]["duplicate_of"]) == (
        "anna@acme.test",
        "Reseller Ltd",
        str(original.id),
    )


def test_the_header_names_only_an_original_the_viewer_may_see(session: Session, rep: User) -> None:
    limited = make_user(session, access_level="limited_crm", name="Lima")
    hidden = make_lead(session, name="Someone else's", owner_id=rep.id)
    mine = make_lead(session, name="Mine", owner_id=limited.id, duplicate_of_id=hidden.id, custom={"size": 5})
    session.info[VIEWER] = limited
    head = lead_header(session, mine)
    assert (head["duplicate_of"], head["original_name"]) == (str(hidden.id), f"Lead {hidden.id}")
    session.info[VIEWER] = rep
    assert lead_header(session, mine)["original_name"] == "Someone else's"
    data = {r["key"]: r["value"] for r in lead_data(session, mine)}
    assert data["owner"] == "Lima" and data["custom-size"] == "5" and "company" not in data


def test_the_source_filter_offers_the_sources_of_visible_leads_once(session: Session, rep: User) -> None:
    limited = make_user(session, access_level="limited_crm", name="Lima")
    make_lead(session, source="web", owner_id=limited.id)
    make_lead(session, source="web", owner_id=limited.id)
    make_lead(session, source="fair", owner_id=rep.id)
    make_lead(session, source=None, owner_id=limited.id)
    assert lead_sources(session, limited) == ["web"]
    assert lead_sources(session, rep) == ["fair", "web"]


def test_state_tabs_carry_label_and_count() -> None:
    assert state_tabs({"open": 3}, ("open", "archived")) == [
        {"value": "open", "label": "Open", "count": "3"},
        {"value": "archived", "label": "Archived", "count": "0"},
    ]
