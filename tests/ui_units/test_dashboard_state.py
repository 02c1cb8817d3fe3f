"""The dashboard state on a real database: role-based home, customizing, baselines, live sync, card texts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import Invoice
from rxcrm.domain.dashboards.widgets import DEFAULT_LAYOUTS, KINDS
from rxcrm.services.pipeline.moves import mark_won
from rxcrm.ui.dashboards.cards import Names, groups_by_period, list_link, params_in_words
from rxcrm.ui.dashboards.state import DashboardState
from tests.conftest import make_opportunity, make_partner, make_user
from tests.ui_units.test_board_state import _run, _token

pytestmark = pytest.mark.usefixtures("app_database")
DASHBOARD_PATH = DashboardState.get_full_name().split(".")[1:]


def _dashboard(token: str) -> DashboardState:
    root = rx.State(_reflex_internal_init=True)
    dashboard = root.get_substate(DASHBOARD_PATH)
    dashboard.token = token
    return dashboard


def _opened(session: Session, user) -> DashboardState:  # noqa: ANN001
    return _reopened(_token(session, user))


def _reopened(token: str) -> DashboardState:
    """The global overview as a fresh browser session of the same user sees it."""
    dashboard = _dashboard(token)
    _run(dashboard, DashboardState.open_global)
    return dashboard


def _card(dashboard: DashboardState, kind: str) -> dict:
    return next(c for c in dashboard.cards if c["kind"] == kind)


def _won(session: Session, owner, amount: str) -> None:  # noqa: ANN001
    deal = make_opportunity(session, owner, amount=Decimal(amount))
    mark_won(session, owner, deal.id)
    session.commit()


def test_a_rep_home_shows_the_results_page_with_his_own_figures_only(session: Session, rep) -> None:
    _won(session, rep, "100.00")
    _won(session, make_user(session), "900.00")
    dashboard = _opened(session, rep)
    assert [c["kind"] for c in dashboard.cards] == list(DEFAULT_LAYOUTS["results"])
    assert dashboard.scope == "Your own figures"
    revenue = _card(dashboard, "revenue")
    assert revenue["total"] == "Won revenue: 100.00"
    assert "Owner: Rita Rep" in revenue["words"]
    assert revenue["link"] == f"/opportunities?widget=revenue&owner_id={rep.id}"  # every widget filter
    assert revenue["figure"]["data"] and "template" not in revenue["figure"]["layout"]


def test_a_director_sees_the_team_and_the_pending_payments_widgets(session: Session) -> None:
    seller = make_user(session, team="North")
    director = make_user(session, role="director", team="North")
    _won(session, seller, "300.00")
    _won(session, make_user(session, team="South"), "50.00")
    dashboard = _opened(session, director)
    assert dashboard.scope == "Team North's figures"
    assert _card(dashboard, "revenue")["total"] == "Won revenue: 300.00"
    _run(dashboard, DashboardState.show_page, "pending_payments")
    assert [c["kind"] for c in dashboard.cards] == list(DEFAULT_LAYOUTS["pending_payments"])
    assert (dashboard.no_access, dashboard.loaded) == ("", True)
    assert _card(dashboard, "overdue_by_account")["total"] == "Overdue: 0.00"


def test_a_role_that_may_not_view_invoices_is_told_so_on_pending_payments(session: Session) -> None:
    dashboard = _opened(session, make_user(session, role="partner", partner_id=make_partner(session).id))
    _run(dashboard, DashboardState.show_page, "pending_payments")
    assert dashboard.cards == [] and dashboard.loaded
    assert dashboard.no_access.startswith("Your role (partner) may not see invoices")


def test_pending_payments_names_the_invoices_its_sums_leave_out_for_want_of_a_rate(session: Session) -> None:
    director = make_user(session, role="director")
    deal = make_opportunity(session, director, amount=Decimal("800.00"), currency="CHF")
    day = date.today()
    session.add(
        Invoice(
            number="2026-0901",
            year=2026,
            sequence=901,
            opportunity_id=deal.id,
            issue_date=day,
            due_date=day,
            amount=Decimal("800.00"),
            currency="CHF",
            status="sent",
            sent_on=day,
        )
    )
    session.commit()
    dashboard = _opened(session, director)
    assert dashboard.left_out == ""  # the results page sums deals, not invoices
    _run(dashboard, DashboardState.show_page, "pending_payments")
    assert dashboard.left_out.startswith("1 sent or paid invoice (1 in CHF) is not in these figures")
    assert _card(dashboard, "open_invoices_by_due_week")["total"] == "Open: 0.00 · overdue: 0.00"


def test_a_customized_layout_is_stored_for_the_user_and_comes_back_next_time(session: Session, rep) -> None:
    dashboard = _opened(session, rep)
    _run(dashboard, DashboardState.add_widget, "funnel")
    funnel = _card(dashboard, "funnel")["id"]
    _run(dashboard, DashboardState.open_edit, funnel)
    assert dashboard.form_open and dashboard.values["title"] == "Sales funnel"
    form = {**dashboard.values, "title": "Q1 funnel", "from": "2026-01-01", "to": "2026-03-31"}
    _run(dashboard, DashboardState.save_edit, form)
    assert not dashboard.form_open
    _run(dashboard, DashboardState.remove_widget, _card(dashboard, "leaderboard")["id"])
    _run(dashboard, DashboardState.move_widget, funnel, -1)

    again = _reopened(dashboard.token)
    expected = [k for k in DEFAULT_LAYOUTS["results"] if k != "leaderboard"]
    assert [c["kind"] for c in again.cards] == [*expected[:-1], "funnel", expected[-1]]
    card = _card(again, "funnel")
    assert card["title"] == "Q1 funnel"
    assert card["words"].startswith("1 Jan 2026 – 31 Mar 2026")
    assert [c["kind"] for c in _opened(session, make_user(session)).cards] == list(DEFAULT_LAYOUTS["results"])


def test_a_bad_date_range_names_the_field_and_changes_nothing(session: Session, rep) -> None:
    dashboard = _opened(session, rep)
    revenue = _card(dashboard, "revenue")
    _run(dashboard, DashboardState.open_edit, revenue["id"])
    _run(dashboard, DashboardState.save_edit, {**dashboard.values, "from": "2026-05-01", "to": "2026-04-01"})
    assert dashboard.form_open and "to" in dashboard.errors
    assert _card(_reopened(dashboard.token), "revenue")["words"] == revenue["words"]


def test_a_newer_feed_revision_recomputes_the_cards_an_old_one_does_not(session: Session, rep) -> None:
    dashboard = _opened(session, rep)
    assert _card(dashboard, "revenue")["total"] == "Won revenue: 0.00"
    _won(session, rep, "40.00")
    _run(dashboard, DashboardState.sync, 0)
    assert _card(dashboard, "revenue")["total"] == "Won revenue: 0.00"
    _run(dashboard, DashboardState.sync, 1)
    assert _card(dashboard, "revenue")["total"] == "Won revenue: 40.00"


def test_a_baseline_overlays_live_data_and_can_be_shown_as_the_displayed_version(
    session: Session, rep
) -> None:
    _won(session, rep, "100.00")
    dashboard = _opened(session, rep)
    revenue = _card(dashboard, "revenue")["id"]
    _run(dashboard, DashboardState.open_baselines, revenue)
    _run(dashboard, DashboardState.create_baseline, {"name": "Plan"})
    assert [b["name"] for b in dashboard.baseline_rows] == ["Plan"]
    plan = dashboard.baseline_rows[0]["id"]
    _run(dashboard, DashboardState.overlay_baseline, plan)
    _won(session, rep, "25.00")
    _run(dashboard, DashboardState.sync, 1)
    card = _card(dashboard, "revenue")
    assert (card["baseline_name"], card["frozen"]) == ("Plan", False)
    assert (card["total"], card["baseline_total"]) == ("Won revenue: 125.00", "Won revenue: 100.00")
    assert any(trace.get("name") == "Plan" for trace in card["figure"]["data"])

    _run(dashboard, DashboardState.open_baselines, revenue)
    _run(dashboard, DashboardState.display_baseline, plan)
    card = _card(dashboard, "revenue")
    assert (card["frozen"], card["total"], card["baseline_total"]) == (
        True,
        "Won revenue: 100.00",
        "Live — Won revenue: 125.00",
    )

    _run(dashboard, DashboardState.delete_baseline, plan)
    card = _card(dashboard, "revenue")
    assert (card["baseline_name"], card["total"]) == ("", "Won revenue: 125.00")


def test_card_texts_name_the_filters_and_link_to_the_lists_that_read_them() -> None:
    names = Names(owners={3: "Ann"}, stages={5: "Proposal"}, campaigns={7: "Spring"})
    params = {"from": "2026-01-01", "owner_id": 3, "stage_id": 5, "team": "North", "period": "quarter"}
    assert (
        params_in_words(params, names)
        == "from 1 Jan 2026 · Owner: Ann · Stage: Proposal · Team: North · by quarter"
    )
    assert params_in_words({}, names) == "All dates · by month"

    assert list_link("revenue", params) == (  # the deals behind the number: every parameter travels
        "/opportunities?widget=revenue&from=2026-01-01&owner_id=3&stage_id=5&team=North&period=quarter"
    )
    assert list_link("funnel", params) == (  # the funnel's deals: the stage filter travels, is not used
        "/opportunities?widget=funnel&from=2026-01-01&owner_id=3&stage_id=5&team=North&period=quarter"
    )
    # the leads behind lead conversion; no list narrows campaigns to a date range or team: a plain title
    assert list_link("lead_conversion", {"campaign_id": 7, "owner_id": 3}) == (
        "/leads?widget=lead_conversion&campaign_id=7&owner_id=3"
    )
    assert list_link("campaigns", {"campaign_id": 7}) == ""
    assert list_link("activities", params) == ""


def test_a_widget_title_opens_the_list_of_exactly_the_deals_behind_its_number(session: Session) -> None:
    from urllib.parse import parse_qsl, urlsplit

    from rxcrm.ui.pipeline.opportunities import OpportunitiesState

    director = make_user(session, role="director", team="North")
    north, south = make_user(session, team="North"), make_user(session, team="South")
    for owner, amount in ((north, "1000.00"), (north, "250.50"), (south, "7000.00")):
        make_opportunity(session, owner, amount=Decimal(amount))
    _won(session, north, "300.00")
    _won(session, south, "900.00")
    token = _token(session, director)
    dashboard = _reopened(token)
    pipeline, revenue = _card(dashboard, "pipeline_by_stage"), _card(dashboard, "revenue")
    assert pipeline["total"] == "Open amount: 1,250.50"  # Team North's open deals only
    assert revenue["total"] == "Won revenue: 300.00"
    for card, total in ((pipeline, "2 deals · 1,250.50"), (revenue, "1 deal · 300.00")):
        url = urlsplit(card["link"])
        assert url.path == "/opportunities" and "team=North" in url.query
        listing = rx.State(_reflex_internal_init=True).get_substate(
            OpportunitiesState.get_full_name().split(".")[1:]
        )
        listing.token = token
        assert listing._link_widget(dict(parse_qsl(url.query)))
        _run(listing, OpportunitiesState.load)
        assert listing.behind_total == total and listing.total == int(total.split()[0])
        assert {r["owner"] for r in listing.rows} == {north.name}


def test_the_lead_conversion_title_opens_exactly_the_leads_behind_its_figures(session: Session) -> None:
    from urllib.parse import parse_qsl, urlsplit

    from rxcrm.ui.leads.list_state import LeadsState
    from tests.conftest import make_lead

    director = make_user(session, role="director", team="North")
    north, south = make_user(session, team="North"), make_user(session, team="South")
    for owner, status in ((north, "qualified"), (north, "open"), (north, "archived"), (south, "qualified")):
        make_lead(session, owner_id=owner.id, status=status)
    session.commit()
    token = _token(session, director)
    dashboard = _reopened(token)
    _run(dashboard, DashboardState.show_page, "statistics")
    card = _card(dashboard, "lead_conversion")
    assert card["total"] == "1 of 3 leads qualified"  # Team North's leads, whatever their state
    url = urlsplit(card["link"])
    assert url.path == "/leads" and "widget=lead_conversion" in url.query and "team=North" in url.query
    leads = rx.State(_reflex_internal_init=True).get_substate(LeadsState.get_full_name().split(".")[1:])
    leads.token = token
    assert leads._link_widget(dict(parse_qsl(url.query)))
    _run(leads, LeadsState.load)
    assert (leads.behind_title, leads.behind_total) == ("Lead conversion", "3 leads received · 1 qualified")
    assert leads.total == 3 and len(leads.rows) == 3  # the archived lead too, not only the open list
    assert not leads._link_widget({})  # a plain /leads drops the narrowing


def test_only_widgets_grouped_by_period_name_a_period() -> None:
    grouped = [kind for kind in KINDS if groups_by_period(kind)]
    assert grouped == ["revenue", "targets", "forecast", "lead_conversion", "paid_per_month"]
    # the due-week and per-account invoice widgets do not say "by month"
    assert params_in_words({"period": "month"}, Names(), by_period=False) == "All dates"
