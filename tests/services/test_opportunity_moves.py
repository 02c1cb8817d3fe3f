"""Moving deals between stages: history, probability, notifications, won/lost/sold, copy and live refresh."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from sqlmodel import Session, func, select

from rxcrm.db.models import BusinessRole, Change, Opportunity, Stage
from rxcrm.domain.errors import Conflict, Forbidden, NotFound, ValidationFailed
from rxcrm.services.accounts.contacts import update_contact
from rxcrm.services.people.permissions import set_permission
from rxcrm.services.pipeline.board import BOARD_TOPIC
from rxcrm.services.pipeline.moves import (
    copy_opportunity,
    mark_lost,
    mark_sold,
    mark_won,
    move_opportunity,
    unlock_opportunity,
)
from rxcrm.services.pipeline.opportunities import get_opportunity, update_opportunity
from rxcrm.services.pipeline.stages import list_stages
from rxcrm.services.records import events
from rxcrm.services.records.followers import follow, follower_ids
from rxcrm.services.records.history import history_of
from rxcrm.services.records.notifications import list_notifications, unread_count
from tests.conftest import make_account, make_active_quote, make_contact, make_opportunity, make_user


def _stage(session: Session, kind: str, index: int = 0) -> Stage:
    return [s for s in list_stages(session) if s.kind == kind][index]


def _changes(session: Session, deal: Opportunity) -> dict[str, tuple[str | None, str | None]]:
    return {
        row["field"]: (row["old"], row["new"])
        for row in history_of(session, "opportunity", deal.id)
        if row["action"] == "update"
    }


def _reason_changes(session: Session, deal: Opportunity) -> list[tuple[str | None, str | None]]:
    """The deal's lost-reason changes, newest first."""
    rows = history_of(session, "opportunity", deal.id)
    return [(row["old"], row["new"]) for row in rows if row["field"] == "lost_reason"]


def _history_count(session: Session, deal: Opportunity) -> int:
    statement = (
        select(func.count())
        .select_from(Change)
        .where(Change.entity == "opportunity", Change.entity_id == deal.id)
    )
    return session.exec(statement).one()


def test_a_move_takes_the_stage_probability_and_is_written_into_history(session: Session, rep) -> None:
    deal = make_opportunity(session, rep)
    prospecting, proposal = _stage(session, "open", 0), _stage(session, "open", 3)
    move_opportunity(session, rep, deal.id, proposal.id)
    assert (deal.stage_id, deal.status, deal.probability) == (proposal.id, "open", 60)
    assert _changes(session, deal) == {
        "stage_id": (str(prospecting.id), str(proposal.id)),
        "probability": ("10", "60"),
    }


def test_winning_by_a_move_records_status_and_probability_in_history(session: Session, rep) -> None:
    deal = make_opportunity(session, rep)
    won = _stage(session, "won")
    move_opportunity(session, rep, deal.id, won.id)
    changes = _changes(session, deal)
    assert changes["stage_id"] == (str(_stage(session, "open").id), str(won.id))
    assert changes["status"] == ("open", "won")
    assert changes["probability"] == ("10", "100")
    assert changes["closed_at"][0] is None and deal.closed_at is not None


def test_a_move_notifies_owner_and_followers_but_not_the_mover(session: Session, rep) -> None:
    owner = make_user(session, name="Olga Owner")
    watcher = make_user(session, name="Wanda Watcher")
    deal = make_opportunity(session, owner, name="Roof repair")
    follow(session, watcher, "opportunity", deal.id)
    follow(session, rep, "opportunity", deal.id)
    move_opportunity(session, rep, deal.id, _stage(session, "open", 3).id)
    expected = ["Rita Rep moved opportunity 'Roof repair' to Proposal"]
    assert [n.message for n in list_notifications(session, owner).items] == expected
    assert [n.message for n in list_notifications(session, watcher).items] == expected
    assert unread_count(session, rep) == 0


def test_moving_to_the_stage_the_deal_stands_in_changes_nothing(session: Session, rep) -> None:
    owner = make_user(session)
    deal = make_opportunity(session, owner, probability=33)
    before = _history_count(session, deal)
    move_opportunity(session, rep, deal.id, deal.stage_id)
    assert _history_count(session, deal) == before == 0
    assert deal.probability == 33
    assert unread_count(session, owner) == 0


def test_an_unknown_stage_is_refused_on_stage_id(session: Session, rep) -> None:
    deal = make_opportunity(session, rep)
    for stage_id in (9999, "3", True, None):
        with pytest.raises(ValidationFailed) as refused:
            move_opportunity(session, rep, deal.id, stage_id)
        assert refused.value.fields == {"stage_id": "no such stage"}


def test_losing_needs_a_reason_and_stores_it(session: Session, rep) -> None:
    deal = make_opportunity(session, rep)
    with pytest.raises(ValidationFailed) as refused:
        move_opportunity(session, rep, deal.id, _stage(session, "lost").id)
    assert set(refused.value.fields) == {"reason"}
    with pytest.raises(ValidationFailed):
        mark_lost(session, rep, deal.id, "   ")
    assert (deal.status, _history_count(session, deal)) == ("open", 0)
    mark_lost(session, rep, deal.id, "  Budget cut ")
    assert (deal.stage_id, deal.status, deal.probability) == (_stage(session, "lost").id, "lost", 0)
    assert deal.lost_reason == "Budget cut"
    assert _changes(session, deal)["lost_reason"] == (None, "Budget cut")


def test_reopening_a_lost_deal_clears_its_reason_and_closing_time(session: Session, rep) -> None:
    deal = make_opportunity(session, rep)
    mark_lost(session, rep, deal.id, "Price")
    move_opportunity(session, rep, deal.id, _stage(session, "open", 1).id)
    assert (deal.status, deal.probability, deal.lost_reason, deal.closed_at) == ("open", 20, None, None)


def test_losing_a_lost_deal_again_replaces_its_reason_and_records_the_change(session: Session, rep) -> None:
    deal = make_opportunity(session, rep)
    mark_lost(session, rep, deal.id, "Price")
    lost_stage, closed_at = deal.stage_id, deal.closed_at
    mark_lost(session, rep, deal.id, "  Chose a competitor ")
    assert (deal.stage_id, deal.status, deal.lost_reason) == (lost_stage, "lost", "Chose a competitor")
    assert deal.closed_at == closed_at
    assert _reason_changes(session, deal)[0] == ("Price", "Chose a competitor")
    move_opportunity(session, rep, deal.id, lost_stage, "Timing")
    assert deal.lost_reason == "Timing"


def _lose_again(session: Session, rep, deal_id: int, reason: str | None) -> None:
    mark_lost(session, rep, deal_id, reason)


def _edit_reason(session: Session, rep, deal_id: int, reason: str | None) -> None:
    update_opportunity(session, rep, deal_id, {"lost_reason": reason})


@pytest.mark.parametrize("reason", [None, "", "   ", "x" * 501])
@pytest.mark.parametrize(
    ("rewrite", "field"),
    [(_lose_again, "reason"), (_edit_reason, "lost_reason")],
    ids=["losing it again", "an edit"],
)
def test_neither_losing_again_nor_an_edit_can_erase_or_overfill_the_reason_of_a_lost_deal(
    session: Session, rep, rewrite, field: str, reason
) -> None:
    deal = make_opportunity(session, rep)
    mark_lost(session, rep, deal.id, "Price")
    with pytest.raises(ValidationFailed) as refused:
        rewrite(session, rep, deal.id, reason)
    assert set(refused.value.fields) == {field}
    assert deal.lost_reason == "Price"


def test_an_edit_of_the_lost_reason_is_trimmed_and_recorded(session: Session, rep) -> None:
    deal = make_opportunity(session, rep)
    mark_lost(session, rep, deal.id, "Price")
    update_opportunity(session, rep, deal.id, {"lost_reason": "  No budget this year  "})
    assert deal.lost_reason == "No budget this year"
    assert _reason_changes(session, deal) == [("Price", "No budget this year"), (None, "Price")]


def test_won_deal_stays_movable_but_a_sold_one_is_locked_until_unlocked(session: Session, rep) -> None:
    deal = make_opportunity(session, rep)
    mark_won(session, rep, deal.id)
    assert (deal.status, deal.probability, deal.locked) == ("won", 100, False)
    make_active_quote(session, deal, [{"name": "Licence", "total": Decimal("100.00")}])
    mark_sold(session, rep, deal.id)
    assert (deal.stage_id, deal.status, deal.locked) == (_stage(session, "won").id, "won", True)
    negotiation = _stage(session, "open", 4)
    with pytest.raises(Conflict):
        move_opportunity(session, rep, deal.id, negotiation.id)
    with pytest.raises(Conflict):
        mark_lost(session, rep, deal.id, "Changed mind")
    assert (deal.stage_id, deal.status) == (_stage(session, "won").id, "won")
    unlock_opportunity(session, rep, deal.id)
    assert deal.locked is False
    move_opportunity(session, rep, deal.id, negotiation.id)
    assert (deal.stage_id, deal.status, deal.probability, deal.closed_at) == (
        negotiation.id,
        "open",
        80,
        None,
    )


def test_unlocking_a_deal_that_is_not_locked_is_a_conflict(session: Session, rep) -> None:
    deal = make_opportunity(session, rep)
    with pytest.raises(Conflict):
        unlock_opportunity(session, rep, deal.id)


def test_a_copy_is_a_new_open_deal_with_the_same_fields_and_business_roles(session: Session, rep) -> None:
    account = make_account(session)
    buyer, engineer = make_contact(session, account_id=account.id), make_contact(session)
    deal = make_opportunity(
        session,
        rep,
        name="Solar park",
        account_id=account.id,
        contact_id=buyer.id,
        amount=Decimal("12500.50"),
        currency="USD",
        tags=["Hot", "energy"],
    )
    session.add(BusinessRole(opportunity_id=deal.id, contact_id=buyer.id, role="Decision maker", note="CFO"))
    session.add(BusinessRole(opportunity_id=deal.id, contact_id=engineer.id, role="Technical buyer"))
    session.flush()
    make_active_quote(session, deal, [{"name": "Panels", "total": Decimal("12500.50")}], currency="USD")
    mark_sold(session, rep, deal.id)
    copy = copy_opportunity(session, rep, deal.id)
    first = _stage(session, "open")
    assert copy.id != deal.id
    assert (copy.name, copy.stage_id, copy.status, copy.probability, copy.locked) == (
        "Copy of Solar park",
        first.id,
        "open",
        10,
        False,
    )
    assert (copy.account_id, copy.contact_id, copy.owner_id) == (account.id, buyer.id, rep.id)
    assert (str(copy.amount), copy.currency, copy.tags) == ("12500.50", "USD", ["Hot", "energy"])
    roles = session.exec(
        select(BusinessRole.contact_id, BusinessRole.role, BusinessRole.note)
        .where(BusinessRole.opportunity_id == copy.id)
        .order_by(BusinessRole.contact_id)
    ).all()
    assert [tuple(r) for r in roles] == [
        (buyer.id, "Decision maker", "CFO"),
        (engineer.id, "Technical buyer", None),
    ]
    originals = select(func.count()).select_from(BusinessRole).where(BusinessRole.opportunity_id == deal.id)
    assert session.exec(originals).one() == 2


def test_a_copy_of_an_open_deal_stays_in_its_stage(session: Session, rep) -> None:
    proposal = _stage(session, "open", 3)
    deal = make_opportunity(session, rep, name="Fence", stage_id=proposal.id, probability=60)
    copy = copy_opportunity(session, rep, deal.id)
    assert (copy.name, copy.stage_id, copy.probability) == ("Copy of Fence", proposal.id, 60)


def test_a_limited_rep_who_follows_a_deal_sees_the_copy_he_makes_of_it(session: Session, rep) -> None:
    limited = make_user(session, access_level="limited_opportunities")
    deal = make_opportunity(session, rep, name="Shared deal")
    follow(session, rep, "opportunity", deal.id, limited.id)
    copy = copy_opportunity(session, limited, deal.id)
    assert get_opportunity(session, limited, copy.id).name == "Copy of Shared deal"
    assert limited.id in follower_ids(session, "opportunity", copy.id)


def test_a_copy_without_contact_belongs_to_the_copier(session: Session, rep) -> None:
    colleague = make_user(session)
    deal = make_opportunity(session, colleague)
    assert copy_opportunity(session, rep, deal.id).owner_id == rep.id


def test_while_owners_are_coupled_a_copy_belongs_to_the_contacts_current_owner(session: Session, rep) -> None:
    old_owner, new_owner = make_user(session), make_user(session)
    contact = make_contact(session, owner_id=old_owner.id)
    deal = make_opportunity(session, old_owner, contact_id=contact.id)
    mark_lost(session, rep, deal.id, "Price")
    update_contact(session, rep, contact.id, {"owner_id": new_owner.id})
    assert deal.owner_id == old_owner.id
    copy = copy_opportunity(session, rep, deal.id)
    assert (copy.owner_id, copy.contact_id, copy.status) == (new_owner.id, contact.id, "open")
    assert rep.id in follower_ids(session, "opportunity", copy.id)


def test_a_limited_rep_cannot_move_a_deal_he_does_not_see(session: Session, rep) -> None:
    limited = make_user(session, access_level="limited_opportunities")
    deal = make_opportunity(session, rep)
    for action in (
        lambda: move_opportunity(session, limited, deal.id, _stage(session, "won").id),
        lambda: mark_won(session, limited, deal.id),
        lambda: mark_lost(session, limited, deal.id, "Price"),
        lambda: copy_opportunity(session, limited, deal.id),
    ):
        with pytest.raises(NotFound):
            action()
    assert (deal.stage_id, deal.status) == (_stage(session, "open").id, "open")


def test_a_rep_without_the_edit_permission_may_not_move(session: Session, admin, rep) -> None:
    deal = make_opportunity(session, rep)
    set_permission(session, admin, "rep", "opportunities", "edit", False)
    with pytest.raises(Forbidden):
        move_opportunity(session, rep, deal.id, _stage(session, "open", 2).id)
    with pytest.raises(Forbidden):
        mark_won(session, rep, deal.id)
    assert deal.stage_id == _stage(session, "open").id
    move_opportunity(session, admin, deal.id, _stage(session, "open", 2).id)
    assert deal.probability == 40


def test_an_edit_to_a_lost_stage_needs_a_lost_reason(session: Session, rep) -> None:
    deal = make_opportunity(session, rep)
    lost = _stage(session, "lost")
    with pytest.raises(ValidationFailed) as refused:
        update_opportunity(session, rep, deal.id, {"stage_id": lost.id})
    assert set(refused.value.fields) == {"lost_reason"}
    update_opportunity(session, rep, deal.id, {"stage_id": lost.id, "lost_reason": " Timing "})
    assert (deal.status, deal.probability, deal.lost_reason) == ("lost", 0, "Timing")


@pytest.fixture
def touched() -> Iterator[list[dict[str, frozenset]]]:
    """What each committed transaction told the live screens it touched."""
    seen: list[dict[str, frozenset]] = []
    handler = events.after_touch(seen.append)
    try:
        yield seen
    finally:
        events._after_touch.remove(handler)


@pytest.fixture
def untouched_deal(session: Session, rep, touched: list[dict[str, frozenset]]) -> Opportunity:
    """A committed deal of the rep, the touches of its creation already forgotten."""
    made = make_opportunity(session, rep)
    session.commit()
    touched.clear()
    return made


def test_a_committed_move_touches_the_column_it_left_and_the_one_it_entered(
    session: Session, rep, touched: list[dict[str, frozenset]], untouched_deal: Opportunity
) -> None:
    left, entered = untouched_deal.stage_id, _stage(session, "open", 3).id
    move_opportunity(session, rep, untouched_deal.id, entered)
    assert touched == []
    session.commit()
    assert [t[BOARD_TOPIC] for t in touched] == [frozenset({left, entered})]


def test_a_rolled_back_move_touches_nothing(
    session: Session, rep, touched: list[dict[str, frozenset]], untouched_deal: Opportunity
) -> None:
    move_opportunity(session, rep, untouched_deal.id, _stage(session, "open", 3).id)
    session.rollback()
    session.commit()
    assert touched == []


def test_only_a_lost_stage_needs_a_reason_and_an_unknown_stage_is_refused(session: Session) -> None:
    from rxcrm.services.pipeline.moves import stage_needs_reason

    kinds = {s.kind: stage_needs_reason(session, s.id) for s in list_stages(session)}
    assert kinds == {"open": False, "won": False, "lost": True}
    with pytest.raises(ValidationFailed):
        stage_needs_reason(session, -1)
