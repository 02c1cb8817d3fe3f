"""The campaign pages' states (spec §5.4): the list links, a campaign's page with results, chart and tabs,
editing the cost, and Settings → Campaign statuses."""

from __future__ import annotations

from decimal import Decimal

from reflex.istate.data import RouterData
from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.services.leads.campaigns import create_campaign
from rxcrm.services.pipeline.stages import list_stages
from rxcrm.ui.leads.campaign_detail import CampaignDetailState
from rxcrm.ui.settings.campaign_statuses import CampaignStatusesState
from tests.conftest import make_lead, make_opportunity, make_partner, make_user
from tests.ui_units.logged_in import logged_in_state


def _on_page(state: CampaignDetailState, path: str) -> CampaignDetailState:
    state.router = RouterData.from_router_data({"pathname": path, "asPath": path, "query": {}})
    return state


def _cards(state: CampaignDetailState) -> dict[str, str]:
    return {r["key"]: r["value"] for r in state.results}


def test_a_campaign_page_shows_results_chart_and_its_leads_and_deals(
    app_database: Engine, session: Session, admin: User, rep: User
) -> None:
    fair = create_campaign(session, admin, {"name": "Fair", "cost": "1000.00", "starts": "2026-03-01"})
    make_lead(session, name="Visitor", campaign_id=fair.id)
    make_lead(session, name="Student", campaign_id=fair.id, status="disqualified")
    won = next(s for s in list_stages(session) if s.kind == "won")
    make_opportunity(
        session, rep, name="Booth deal", campaign_id=fair.id, amount=Decimal("4000.00"), currency="EUR",
        status="won", stage_id=won.id,
    )  # fmt: skip
    session.commit()
    page = _on_page(
        logged_in_state(session, rep, CampaignDetailState, "campaign-page"), f"/campaigns/{fair.id}"
    )
    CampaignDetailState.load_campaign.fn(page)
    assert page.found and page.name == "Fair" and page.no_access == ""
    cards = _cards(page)
    assert (cards["leads"], cards["disqualified"], cards["won_count"]) == ("2", "1", "1")
    assert (cards["won_amount"], cards["cost"]) == ("4,000.00 EUR", "1,000.00 EUR")
    assert (cards["cost_per_lead"], cards["roi_percent"]) == ("500.00 EUR", "300.0 %")
    assert [float(y) for y in page.figure.data[0].y] == [1000.0, 4000.0]
    assert [r["name"] for r in page.open_leads] == ["Visitor"]
    assert [r["name"] for r in page.disqualified] == ["Student"]
    assert [r["name"] for r in page.deals] == ["Booth deal"]
    assert {r["key"]: r["value"] for r in page.data_rows}["starts"] != ""
    assert page.may_edit is False


def test_editing_the_cost_on_the_page_changes_the_roi(
    app_database: Engine, session: Session, admin: User
) -> None:
    fair = create_campaign(session, admin, {"name": "Fair", "cost": "0"})
    make_lead(session, campaign_id=fair.id)
    session.commit()
    page = _on_page(
        logged_in_state(session, admin, CampaignDetailState, "campaign-page"), f"/campaigns/{fair.id}"
    )
    CampaignDetailState.load_campaign.fn(page)
    assert _cards(page)["roi_percent"] == "—" and page.may_edit
    CampaignDetailState.open_edit.fn(page, str(fair.id))
    assert page.form_open and page.values["cost"] == "0.00"
    CampaignDetailState.submit.fn(
        page, {**page.values, "cost": "250", "ends": "2026-01-01", "starts": "2026-02-01"}
    )
    assert page.form_open and set(page.errors) == {"ends"}
    done = CampaignDetailState.submit.fn(page, {**page.values, "cost": "250"})
    assert not page.form_open and "load_campaign" in repr(done)
    CampaignDetailState.load_campaign.fn(page)
    assert (_cards(page)["roi_percent"], _cards(page)["cost_per_lead"]) == ("-100.0 %", "250.00 EUR")


def test_a_partner_user_gets_a_note_instead_of_the_campaign_and_a_missing_one_is_not_found(
    app_database: Engine, session: Session, admin: User
) -> None:
    fair = create_campaign(session, admin, {"name": "Fair", "cost": "999.00"})
    partner_user = make_user(session, role="partner", partner_id=make_partner(session).id)
    session.commit()
    page = _on_page(
        logged_in_state(session, partner_user, CampaignDetailState, "campaign-page"), f"/campaigns/{fair.id}"
    )
    CampaignDetailState.load_campaign.fn(page)
    assert page.no_access == "Campaign results: not available for your role."
    assert (page.results, page.data_rows) == ([], [])
    missing = _on_page(
        logged_in_state(session, admin, CampaignDetailState, "campaign-page"), "/campaigns/4242"
    )
    CampaignDetailState.load_campaign.fn(missing)
    assert missing.found is False


def test_settings_add_rename_and_refuse_deleting_a_used_status(
    app_database: Engine, session: Session, admin: User
) -> None:
    session.commit()
    state = logged_in_state(session, admin, CampaignStatusesState, "campaign-statuses")
    CampaignStatusesState.load.fn(state)
    assert [(s["name"], s["kind"]) for s in state.entries] == [
        ("active", "running"),
        ("archived", "archived"),
    ]
    CampaignStatusesState.add.fn(state, {"status_name": "planned"})
    CampaignStatusesState.load.fn(state)
    planned = state.entries[-1]
    assert planned["name"] == "planned"
    CampaignStatusesState.rename.fn(state, planned["id"], "upcoming")
    create_campaign(session, admin, {"name": "Later", "status": "upcoming"})
    session.commit()
    refused = CampaignStatusesState.delete.fn(state, planned["id"])
    assert "1 campaign(s) have the status 'upcoming'" in repr(refused)
    CampaignStatusesState.load.fn(state)
    assert [s["name"] for s in state.entries] == ["active", "archived", "upcoming"]
