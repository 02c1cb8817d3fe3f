"""Owner filters, owner and people pickers, bundle items: the one record lookup instead of long selects."""

from __future__ import annotations

import reflex as rx
from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.records.saved_filters import ME
from rxcrm.services.records.custom_fields import create_custom_field
from rxcrm.ui.commerce.bundle_state import BundleState
from rxcrm.ui.components.conversion import NONE
from rxcrm.ui.leads.splitter_editor_state import RuleEditorState
from rxcrm.ui.pipeline.opportunities import OpportunitiesState
from rxcrm.ui.pipeline.opportunity_dialogs import OpportunityEditState
from rxcrm.ui.pipeline.opportunity_state import OpportunityState
from rxcrm.ui.settings.targets import TargetState
from tests.conftest import make_opportunity, make_partner, make_user
from tests.services.commerce.quote_rows import make_book, make_entry
from tests.ui_units.logged_in import logged_in_state


def _state(session: Session, user: User, cls: type) -> rx.State:
    return logged_in_state(session, user, cls, "owner-pickers")


def _names(state: OpportunitiesState) -> list[str]:
    return sorted(r["name"] for r in state.rows)


def test_the_owner_filter_names_the_owner_picked_and_me_and_clearing_shows_all(
    app_database: Engine, session: Session, admin: User
) -> None:
    olive = make_user(session, name="Olive Owner")
    make_opportunity(session, olive, name="Olive's deal")
    make_opportunity(session, admin, name="Admin's deal")
    session.commit()
    page = _state(session, admin, OpportunitiesState)
    OpportunitiesState.set_filter.fn(page, "owner_filter", str(olive.id))
    OpportunitiesState.load.fn(page)
    assert (page.owner_filter_label, _names(page)) == ("Olive Owner", ["Olive's deal"])
    assert page._view_params()["owner_id"] == olive.id  # what a saved view stores, as before
    OpportunitiesState.set_filter.fn(page, "owner_filter", ME)
    OpportunitiesState.load.fn(page)
    assert (page.owner_filter_label, _names(page)) == ("Me", ["Admin's deal"])
    assert page._view_params()["owner_id"] == ME
    OpportunitiesState.set_filter.fn(page, "owner_filter", "")  # the lookup's ×
    OpportunitiesState.load.fn(page)
    assert (page.owner_filter, page.owner_filter_label) == (NONE, "")
    assert _names(page) == ["Admin's deal", "Olive's deal"]


def test_a_saved_view_on_an_owner_shows_the_name_and_a_partner_user_cannot_filter_by_an_outsider(
    app_database: Engine, session: Session, admin: User
) -> None:
    olive = make_user(session, name="Olive Owner")
    ours = make_partner(session, name="Ours")
    partner_user = make_user(session, name="Pat Partner", role="partner", partner_id=ours.id)
    session.commit()
    page = _state(session, admin, OpportunitiesState)
    page._show_params({"owner_id": olive.id}, None)  # a saved view or a dashboard link
    OpportunitiesState.load.fn(page)
    assert page.owner_filter_label == "Olive Owner"
    outsider = _state(session, partner_user, OpportunitiesState)
    OpportunitiesState.set_filter.fn(outsider, "owner_filter", str(olive.id))
    OpportunitiesState.load.fn(outsider)
    assert (outsider.owner_filter, outsider.owner_filter_label) == (NONE, "")


def test_clearing_the_deal_owner_changes_nothing_until_a_name_is_picked(
    app_database: Engine, session: Session, admin: User
) -> None:
    deal = make_opportunity(session, admin, name="Handover")
    session.commit()
    page = _state(session, admin, OpportunityState)
    page.opportunity_id, page.owner_id = deal.id, str(admin.id)
    assert OpportunityState.change_owner.fn(page, "") is None
    assert page.owner_id == ""
    session.refresh(deal)
    assert deal.owner_id == admin.id


def test_rule_assignees_and_target_reps_are_named_from_the_lookup(
    app_database: Engine, session: Session, admin: User
) -> None:
    anna = make_user(session, name="Split Anna")
    gone = make_user(session, name="Split Gone", active=False)
    session.commit()
    editor = _state(session, admin, RuleEditorState)
    RuleEditorState.open_new.fn(editor)
    for picked in (str(anna.id), str(anna.id), str(gone.id), "x"):
        RuleEditorState.add_assignee.fn(editor, "user", picked)
    assert [(a["id"], a["name"]) for a in editor.assignees] == [(str(anna.id), "Split Anna")]
    targets = _state(session, admin, TargetState)
    TargetState.set_user_id.fn(targets, str(anna.id))
    TargetState.set_period.fn(targets, "2031-03")
    TargetState.set_amount.fn(targets, "1000")
    assert "Target of Split Anna for 2031-03" in str(TargetState.save.fn(targets))


def test_a_bundle_item_is_an_entry_of_the_book_picked_by_typing(
    app_database: Engine, session: Session, admin: User
) -> None:
    book, other = make_book(session, name="Bundle Book"), make_book(session, name="Other Book")
    bolt = make_entry(session, book, "10.00", name="Bolt", code="BO-1")
    elsewhere = make_entry(session, other, "10.00", name="Nut", code="NU-1")
    session.commit()
    editor = _state(session, admin, BundleState)
    editor.book_id = book.id
    BundleState.add_item.fn(editor, str(bolt.id))
    BundleState.add_item.fn(editor, str(elsewhere.id))
    assert [i["entry_id"] for i in editor.draft_items] == [str(bolt.id)]
    assert editor.draft_items[0]["label"].startswith("Bolt (BO-1) · piece")
    assert "already" in str(BundleState.add_item.fn(editor, str(bolt.id)))


def test_a_user_custom_field_shows_the_kept_name_and_takes_a_picked_colleague(
    app_database: Engine, session: Session, admin: User
) -> None:
    create_custom_field(
        session, admin, {"entity": "opportunity", "key": "expert", "label": "Expert", "type": "user"}
    )
    olive, bert = make_user(session, name="Olive Expert"), make_user(session, name="Bert Expert")
    deal = make_opportunity(session, admin, name="Expert deal", custom={"expert": olive.id})
    session.commit()
    form = _state(session, admin, OpportunityEditState)
    form.opportunity_id = deal.id
    OpportunityEditState.open_edit.fn(form)
    assert form.values["custom.expert"] == str(olive.id)
    assert form.custom_user_names == {"custom.expert": "Olive Expert"}
    OpportunityEditState.pick_custom_user.fn(form, "custom.expert", str(bert.id))
    assert (form.values["custom.expert"], form.custom_user_names["custom.expert"]) == (
        str(bert.id),
        "Bert Expert",
    )
    OpportunityEditState.pick_custom_user.fn(form, "custom.expert", "")
    assert (form.values["custom.expert"], form.custom_user_names["custom.expert"]) == ("", "")
    for nonsense in (str(2**80), "²", "-3"):  # digits no record can have: emptied, never a crash
        OpportunityEditState.pick_custom_user.fn(form, "custom.expert", nonsense)
        assert (form.values["custom.expert"], form.custom_user_names["custom.expert"]) == ("", "")
