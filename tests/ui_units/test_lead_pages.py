"""The lead pages' handlers: bad input becomes a message next to the field or a toast, never a crash."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from rxcrm.db.models import Account, Activity, Lead, Opportunity, User
from rxcrm.services.leads.lifecycle import create_lead
from rxcrm.services.records.activities import list_categories
from rxcrm.ui.leads.lead_detail import LeadTimelineState
from rxcrm.ui.leads.lead_dialogs import LeadQualifyState
from rxcrm.ui.leads.lead_state import LeadState
from rxcrm.ui.leads.list_state import FreePoolState, LeadsState
from tests.conftest import make_lead
from tests.ui_units.logged_in import fresh_state, live_token

S = TypeVar("S")


def _page(session: Session, user: User, state: type[S]) -> S:
    return fresh_state(state, live_token(session, user, f"lead-page-test-{user.id}"))


def test_a_new_lead_without_name_or_email_shows_the_error_at_the_name(
    app_database: Engine, session: Session, rep: User
) -> None:
    page = _page(session, rep, LeadsState)
    LeadsState.open_lead_form.fn(page, 0)
    assert page.form_open and page.values["owner_id"] == str(rep.id)
    LeadsState.save_lead.fn(page, {"name": " ", "email": "", "owner_id": "none", "campaign_id": "x"})
    assert "name" in page.errors and page.form_open
    LeadsState.save_lead.fn(page, {"name": "Ida Ost", "owner_id": "none", "priority": "urgent"})
    assert "priority" in page.errors
    assert session.exec(select(func.count()).select_from(Lead)).one() == 0


def test_a_saved_lead_closes_the_form_and_a_look_alike_is_called_a_duplicate(
    app_database: Engine, session: Session, rep: User
) -> None:
    original = create_lead(session, rep, {"name": "Ida Ost", "email": "ida@ost.test"})
    page = _page(session, rep, LeadsState)
    LeadsState.open_lead_form.fn(page, 0)
    answer = LeadsState.save_lead.fn(
        page, {"name": "Ida Ost", "email": "IDA@ost.test", "owner_id": str(rep.id)}
    )
    assert not page.form_open and page.errors == {}
    assert f"looks like lead {original.id}" in repr(answer)


def test_the_lists_count_each_state_and_the_free_pool_narrows_to_unprocessed(
    app_database: Engine, session: Session, rep: User
) -> None:
    create_lead(session, rep, {"name": "Free one", "owner_id": None})
    create_lead(session, rep, {"name": "Mine"})
    make_lead(session, name="Routed but free", routing="routed")
    page = _page(session, rep, LeadsState)
    LeadsState.load.fn(page)
    counts = {t["value"]: t["count"] for t in page.tabs}
    assert counts["open"] == "3" and counts["qualified"] == "0" and len(page.tabs) == 7
    pool = _page(session, rep, FreePoolState)
    FreePoolState.load.fn(pool)
    assert {r["name"] for r in pool.rows} == {"Free one", "Routed but free"}
    FreePoolState.set_unprocessed_only.fn(pool, True)
    FreePoolState.load.fn(pool)
    assert [r["name"] for r in pool.rows] == ["Free one"]
    assert FreePoolState.set_filter.fn(pool, "state_filter", "archived") is None
    assert pool.state_filter == "unprocessed"


def test_the_lead_list_view_is_saved_with_its_state_and_filters(
    app_database: Engine, session: Session, rep: User
) -> None:
    page = _page(session, rep, LeadsState)
    LeadsState.set_filter.fn(page, "state_filter", "untouched")
    LeadsState.set_filter.fn(page, "owner_filter", "me")
    LeadsState.save_current_view.fn(page, {"view_name": "My untouched"})
    LeadsState.set_filter.fn(page, "state_filter", "open")
    LeadsState.apply_saved_filter.fn(page, page.saved_filter_id)
    assert (page.state_filter, page.owner_filter) == ("untouched", "me")


def test_qualify_prefills_the_deal_shows_field_errors_and_opens_the_new_opportunity(
    app_database: Engine, session: Session, rep: User
) -> None:
    lead = create_lead(session, rep, {"name": "Ole Berg", "company": "Berg AB", "owner_id": rep.id})
    page = _page(session, rep, LeadQualifyState)
    page.lead_id = lead.id
    LeadQualifyState.open_qualify.fn(page)
    assert page.values["name"] == "Berg AB" and page.values["owner_id"] == str(rep.id)
    assert page.creates_account and page.creates_contact
    LeadQualifyState.qualify.fn(page, {"name": "Berg AB", "close_date": "31.12.2027"})
    assert "close_date" in page.errors
    LeadQualifyState.qualify.fn(page, {"name": "Berg AB", "amount": "lots", "owner_id": str(rep.id)})
    assert "amount" in page.errors and page.form_open
    assert session.exec(select(func.count()).select_from(Account)).one() == 0
    answer = LeadQualifyState.qualify.fn(page, {"name": "Berg AB", "amount": "900", "owner_id": str(rep.id)})
    deal = session.exec(select(Opportunity)).one()
    assert f"/opportunities/{deal.id}" in repr(answer) and not page.form_open
    session.expire_all()
    assert session.get(Lead, lead.id).status == "qualified"


def test_disqualify_needs_a_reason_and_archive_toggles(
    app_database: Engine, session: Session, rep: User
) -> None:
    lead = create_lead(session, rep, {"name": "Ute Ross", "owner_id": rep.id})
    page = _page(session, rep, LeadState)
    page.lead_id, page.disqualify_open = lead.id, True
    answer = LeadState.disqualify.fn(page, {"reason": "  "})
    assert "say why" in repr(answer) and page.disqualify_open
    LeadState.disqualify.fn(page, {"reason": "No budget"})
    assert not page.disqualify_open
    LeadState.toggle_archived.fn(page)
    session.expire_all()
    stored = session.get(Lead, lead.id)
    assert (stored.status, stored.disqualify_reason, stored.archived) == ("disqualified", "No budget", True)


def test_activities_are_logged_on_the_lead_and_nonsense_ids_are_refused(
    app_database: Engine, session: Session, rep: User
) -> None:
    lead = create_lead(session, rep, {"name": "Timo Line", "owner_id": rep.id})
    category = list_categories(session)[0]
    page = _page(session, rep, LeadTimelineState)
    page.lead_id = lead.id
    answer = LeadTimelineState.add_activity.fn(page, {"category_id": str(category.id), "note": "first call"})
    assert "Activity logged." in repr(answer) and "load_one" in repr(answer)
    assert "date" in repr(LeadTimelineState.add_activity.fn(page, {"category_id": "1", "at": "soon"}))
    assert "activity -1 not found" in repr(LeadTimelineState.delete_activity.fn(page, "drop table"))
    assert session.exec(select(Activity).where(Activity.entity == "lead")).one().note == "first call"
