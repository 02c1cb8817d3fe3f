"""The opportunity page's state never holds a field hidden from the user (it would reach the browser)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.services.people.field_visibility import VIEWER, limit_field
from rxcrm.services.records.custom_fields import create_custom_field
from rxcrm.ui.pipeline.opportunity_dialogs import OpportunityEditState
from tests.conftest import make_opportunity
from tests.ui_units.logged_in import fresh_state, live_token


def _page(session: Session, user: User, deal_id: int) -> OpportunityEditState:
    page = fresh_state(OpportunityEditState, live_token(session, user, f"deal-page-test-{user.id}"))
    page.opportunity_id = deal_id
    return page


def test_hidden_tags_and_amount_are_not_in_the_page_head(
    app_database: Engine, session: Session, admin, rep
) -> None:
    deal = make_opportunity(session, rep, name="Solar park", amount=Decimal("900.00"), tags=["Hot"])
    for field in ("tags", "amount"):
        limit_field(session, admin, "opportunity", field, ["director"])
    page = _page(session, rep, deal.id)
    session.info[VIEWER] = rep
    page._load_header(session, rep, deal)
    assert (page.name, page.amount, page.tags) == ("Solar park", "", [])


def test_hidden_custom_fields_do_not_reach_the_edit_form(
    app_database: Engine, session: Session, admin, rep
) -> None:
    create_custom_field(
        session, admin, {"entity": "opportunity", "key": "region", "label": "Region", "type": "text"}
    )
    deal = make_opportunity(
        session, rep, name="Solar park", amount=Decimal("900.00"), custom={"region": "North", "note": "x"}
    )
    limit_field(session, admin, "opportunity", "custom", ["director"])
    limit_field(session, admin, "opportunity", "amount", ["director"])
    page = _page(session, rep, deal.id)
    OpportunityEditState.open_edit.fn(page)
    assert page.form_open and page.values["name"] == "Solar park"
    assert page.values["amount"] == "" and page.values["custom"] == ""
    assert "North" not in page.values.values()


def test_visible_tags_are_shown_in_their_colours(app_database: Engine, session: Session, rep) -> None:
    deal = make_opportunity(session, rep, tags=["Hot"])
    page = _page(session, rep, deal.id)
    session.info[VIEWER] = rep
    page._load_header(session, rep, deal)
    assert [t["tag"] for t in page.tags] == ["Hot"]


def test_the_stage_bar_moves_open_stages_at_once_asks_why_for_lost_and_refuses_nonsense(
    app_database: Engine, session: Session, rep
) -> None:
    from rxcrm.services.pipeline.stages import list_stages
    from rxcrm.ui.pipeline.opportunity_state import OpportunityState

    stages = {s.kind: s for s in reversed(list_stages(session))}
    deal = make_opportunity(session, rep, name="Stage bar")
    page = _page(session, rep, deal.id)
    OpportunityState.choose_stage.fn(page, str(stages["lost"].id))
    assert (page.lost_open, page.lost_stage_id) == (True, stages["lost"].id)
    answer = OpportunityState.choose_stage.fn(page, "not-a-stage")
    assert "no such stage" in repr(answer)
    OpportunityState.choose_stage.fn(page, str(stages["won"].id))
    session.expire_all()
    assert session.get(type(deal), deal.id).status == "won"
