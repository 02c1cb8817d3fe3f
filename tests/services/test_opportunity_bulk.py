"""Bulk edit of opportunities (all or nothing, under the access rules) and the tags in use."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from rxcrm.db.models import Opportunity, User
from rxcrm.domain.errors import ValidationFailed
from rxcrm.services.people.field_visibility import VIEWER, limit_field
from rxcrm.services.pipeline import tags as opportunity_tags
from rxcrm.services.pipeline.moves import bulk_update
from rxcrm.services.pipeline.stages import list_stages
from rxcrm.services.pipeline.tags import tags_by_deal, tags_in_use
from rxcrm.services.records.followers import follow
from rxcrm.services.records.saved_filters import create_saved_filter, opportunity_filter
from tests.conftest import make_opportunity, make_user


def _stage(session: Session, kind: str, index: int = 0):
    return [s for s in list_stages(session) if s.kind == kind][index]


def _fresh(session: Session, *deals: Opportunity) -> list[Opportunity]:
    session.expire_all()
    return [session.get(Opportunity, d.id) for d in deals]


def _limited(session: Session) -> User:
    return make_user(session, access_level="limited_opportunities", name="Lina Limited")


def test_bulk_owner_change_moves_every_chosen_deal(session: Session, admin, rep) -> None:
    a, b, untouched = (make_opportunity(session, admin) for _ in range(3))
    assert bulk_update(session, admin, [a.id, b.id], {"owner_id": rep.id}) == 2
    session.commit()
    a, b, untouched = _fresh(session, a, b, untouched)
    assert (a.owner_id, b.owner_id, untouched.owner_id) == (rep.id, rep.id, admin.id)


def test_bulk_stage_change_brings_status_and_probability(session: Session, admin) -> None:
    deals = [make_opportunity(session, admin) for _ in range(2)]
    won = _stage(session, "won")
    bulk_update(session, admin, [d.id for d in deals], {"stage_id": won.id})
    session.commit()
    for deal in _fresh(session, *deals):
        assert (deal.stage_id, deal.status, deal.probability) == (won.id, "won", 100)


def test_bulk_tags_are_added_and_removed_without_duplicates(session: Session, admin) -> None:
    a = make_opportunity(session, admin, tags=["VIP", "renewal"])
    b = make_opportunity(session, admin, tags=[])
    bulk_update(session, admin, [a.id, b.id], {"add_tags": ["vip", "Q3"], "remove_tags": ["RENEWAL"]})
    session.commit()
    a, b = _fresh(session, a, b)
    assert a.tags == ["VIP", "Q3"]
    assert b.tags == ["vip", "Q3"]


def test_nothing_changes_when_one_chosen_deal_is_hidden_from_the_user(session: Session, admin) -> None:
    limited = _limited(session)
    mine = make_opportunity(session, limited)
    hidden = make_opportunity(session, admin)
    session.commit()
    with pytest.raises(ValidationFailed) as caught:
        bulk_update(session, limited, [mine.id, hidden.id], {"owner_id": admin.id, "add_tags": ["x"]})
    session.rollback()
    assert caught.value.fields == {"ids": f"opportunity {hidden.id} not found"}
    mine, hidden = _fresh(session, mine, hidden)
    assert (mine.owner_id, mine.tags) == (limited.id, [])
    assert hidden.owner_id == admin.id


def test_a_limited_rep_cannot_touch_a_deal_he_cannot_see(session: Session, admin) -> None:
    limited = _limited(session)
    hidden = make_opportunity(session, admin, tags=["keep"])
    session.commit()
    with pytest.raises(ValidationFailed):
        bulk_update(session, limited, [hidden.id], {"remove_tags": ["keep"]})
    session.rollback()
    assert _fresh(session, hidden)[0].tags == ["keep"]


def test_a_lost_stage_without_a_reason_is_refused_for_all(session: Session, admin, rep) -> None:
    deals = [make_opportunity(session, admin) for _ in range(2)]
    session.commit()
    with pytest.raises(ValidationFailed) as caught:
        bulk_update(session, admin, [d.id for d in deals], {"stage_id": _stage(session, "lost").id})
    session.rollback()
    assert "reason" in caught.value.fields
    assert [d.status for d in _fresh(session, *deals)] == ["open", "open"]


@pytest.mark.parametrize(
    ("ids", "changes"),
    [([], {"owner_id": 1}), (list(range(1, 502)), {"owner_id": 1}), ([1], {}), ([1], {"add_tags": []})],
)
def test_bulk_refuses_an_empty_or_oversized_choice(session: Session, admin, ids, changes) -> None:
    make_opportunity(session, admin)
    with pytest.raises(ValidationFailed):
        bulk_update(session, admin, ids, changes)


@pytest.mark.parametrize("unnested_in_sql", [True, False])
def test_tags_in_use_counts_case_insensitively_most_used_first(
    session: Session, admin, monkeypatch, unnested_in_sql: bool
) -> None:
    if not unnested_in_sql:
        monkeypatch.setattr(opportunity_tags, "TAG_ELEMENTS", {})
    make_opportunity(session, admin, tags=["VIP", "renewal"])
    make_opportunity(session, admin, tags=["vip", "Q3"])
    make_opportunity(session, admin, tags=["VIP", " "])
    make_opportunity(session, admin, tags=[])
    tags = tags_in_use(session, admin)
    assert [t.lower() for t in tags] == ["vip", "q3", "renewal"]
    assert tags_in_use(session, admin, limit=1) == ["VIP"]


def test_tags_in_use_only_counts_deals_the_user_may_see(session: Session, admin) -> None:
    limited = _limited(session)
    make_opportunity(session, admin, tags=["secret-deal"])
    make_opportunity(session, limited, tags=["mine"])
    followed = make_opportunity(session, admin, tags=["followed"])
    follow(session, admin, "opportunity", followed.id, user_id=limited.id)
    assert tags_in_use(session, limited) == ["followed", "mine"]
    assert set(tags_in_use(session, admin)) == {"secret-deal", "mine", "followed"}


def test_no_tags_in_use_when_the_tags_field_is_hidden_from_the_user(session: Session, admin, rep) -> None:
    make_opportunity(session, admin, tags=["VIP"])
    limit_field(session, admin, "opportunity", "tags", ["admin"])
    assert tags_in_use(session, rep) == []
    assert tags_in_use(session, admin) == ["VIP"]


def test_listed_deals_show_their_tags_unless_the_field_is_hidden(session: Session, admin, rep) -> None:
    deal = make_opportunity(session, admin, tags=["VIP", "Q3"])
    session.info[VIEWER] = rep
    assert tags_by_deal(session, [deal]) == {deal.id: ["VIP", "Q3"]}
    limit_field(session, admin, "opportunity", "tags", ["admin"])
    assert tags_by_deal(session, [deal]) == {deal.id: []}


def test_a_saved_view_keeps_the_tag_filter(session: Session, admin) -> None:
    saved = create_saved_filter(
        session, admin, {"entity": "opportunity", "name": "VIP deals", "params": {"tag": " VIP "}}
    )
    assert saved.params == {"tag": "VIP"}
    assert opportunity_filter(saved.params, admin).tag == "VIP"
