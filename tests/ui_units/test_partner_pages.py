"""The partner pages' states (spec §5.3): the list, the form, the detail tabs, and a partner user's view."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from reflex.istate.data import RouterData
from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.services.accounts.accounts import get_account
from rxcrm.services.accounts.partners import get_partner
from rxcrm.ui.accounts.account_form import AccountFormState
from rxcrm.ui.accounts.partner_detail import PartnerDetailState, PartnerTimelineState
from rxcrm.ui.accounts.partner_form import PartnerFormState
from rxcrm.ui.accounts.partners import PartnersState
from tests.conftest import make_account, make_contact, make_lead, make_opportunity, make_partner, make_user
from tests.ui_units.logged_in import logged_in_state


def _on_page(state: PartnerDetailState, path: str, query: dict | None = None) -> PartnerDetailState:
    state.router = RouterData.from_router_data({"pathname": path, "asPath": path, "query": query or {}})
    return state


def test_the_list_filters_by_state_and_country_and_a_partner_user_goes_to_his_page(
    app_database: Engine, session: Session, rep: User
) -> None:
    ours = make_partner(session, name="Alpen", country="AT")
    make_partner(session, name="Baltic", country="LV", active=False)
    person = make_user(session, role="partner", partner_id=ours.id)
    session.commit()
    state = logged_in_state(session, rep, PartnersState, "partners")
    PartnersState.load.fn(state)
    assert [r["name"] for r in state.rows] == ["Alpen", "Baltic"]
    PartnersState.set_filter.fn(state, "state_filter", "inactive")
    PartnersState.load.fn(state)
    assert [r["name"] for r in state.rows] == ["Baltic"]
    PartnersState.set_filter.fn(state, "state_filter", "all")
    PartnersState.set_country.fn(state, "AT")
    PartnersState.load.fn(state)
    assert [(r["name"], r["active"]) for r in state.rows] == [("Alpen", "yes")]
    theirs = logged_in_state(session, person, PartnersState, "partners")
    assert f"/partners/{ours.id}" in repr(PartnersState.load.fn(theirs))


def test_the_form_creates_a_partner_or_names_what_to_correct(
    app_database: Engine, session: Session, admin: User
) -> None:
    session.commit()
    form = logged_in_state(session, admin, PartnerFormState, "partner-form")
    form.user_id = admin.id
    PartnerFormState.open_new.fn(form)
    assert form.form_open and form.values["owner_id"] == str(admin.id)
    PartnerFormState.submit.fn(form, {"name": "", "email": "broken", "owner_id": str(admin.id)})
    assert form.form_open and set(form.errors) >= {"name", "email"}
    done = PartnerFormState.submit.fn(form, {"name": "Nordwind", "city": "Linz", "owner_id": str(admin.id)})
    assert not form.form_open and "/partners/" in repr(done)


def test_the_detail_page_shows_assigned_records_results_and_comments(
    app_database: Engine, session: Session, rep: User
) -> None:
    partner = make_partner(session, name="Brightside", city="Graz", owner_id=rep.id)
    make_contact(session, last_name="Consulting", partner_id=partner.id, kind="consultant")
    make_account(session, name="Client AG", partner_id=partner.id)
    make_lead(session, name="Hot lead", partner_id=partner.id)
    make_opportunity(
        session, rep, name="Big deal", partner_id=partner.id, amount=Decimal("800.00"), currency="EUR",
        probability=25, close_date=date(2026, 5, 1),
    )  # fmt: skip
    session.commit()
    page = _on_page(
        logged_in_state(session, rep, PartnerDetailState, "partner-page"), f"/partners/{partner.id}"
    )
    PartnerDetailState.load.fn(page)
    assert page.found and page.name == "Brightside"
    assert {r["key"]: r["value"] for r in page.data_rows}["city"] == "Graz"
    assert [r["name"] for r in page.consultants] == ["Consulting"]
    assert ([r["name"] for r in page.accounts], [r["name"] for r in page.leads]) == (
        ["Client AG"],
        ["Hot lead"],
    )
    assert [r["name"] for r in page.deals] == ["Big deal"]
    results = {r["key"]: r["value"] for r in page.results}
    assert (results["open_amount"], results["weighted_forecast"], results["leads"]) == (
        "800.00 EUR",
        "200.00 EUR",
        "1",
    )
    assert len(page.figure.data) == 1
    timeline = _on_page(
        logged_in_state(session, rep, PartnerTimelineState, "partner-page"), page.router.url.path
    )
    timeline.partner_id = partner.id
    PartnerTimelineState.add_activity.fn(
        timeline, {"category_id": page.categories[0]["value"], "note": "Met them"}
    )
    PartnerDetailState.load.fn(page)
    assert [a["note"] for a in page.activities] == ["Met them"]


def test_a_partner_user_gets_not_found_for_another_partners_page(
    app_database: Engine, session: Session
) -> None:
    ours, theirs = make_partner(session, name="Ours"), make_partner(session, name="Theirs")
    person = make_user(session, role="partner", partner_id=ours.id)
    session.commit()
    page = _on_page(
        logged_in_state(session, person, PartnerDetailState, "partner-page"), f"/partners/{theirs.id}"
    )
    PartnerDetailState.load.fn(page)
    assert (page.found, page.name, page.results) == (False, "", [])
    PartnerDetailState.load.fn(_on_page(page, f"/partners/{ours.id}"))
    assert (page.found, page.name) == (True, "Ours")


def test_the_account_form_assigns_the_account_to_a_partner(
    app_database: Engine, session: Session, rep: User
) -> None:
    partner = make_partner(session, name="Brightside")
    account = make_account(session, name="Client AG", owner_id=rep.id)
    session.commit()
    form = logged_in_state(session, rep, AccountFormState, "account-partner")
    AccountFormState.open_edit.fn(form, account.id)
    AccountFormState.submit.fn(
        form, {"name": "Client AG", "owner_id": str(rep.id), "partner_id": str(partner.id)}
    )
    assert not form.form_open, form.errors
    session.expire_all()
    assert get_account(session, rep, account.id).partner_id == partner.id
    assert get_partner(session, rep, partner.id).name == "Brightside"
