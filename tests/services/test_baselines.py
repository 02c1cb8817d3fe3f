"""Baselines: a widget's rows frozen at creation, never recomputed; seen by creator, admins, directors."""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest
from sqlmodel import Session

from rxcrm.analytics.baselines import capture_baseline
from rxcrm.analytics.widgets import rows_json, widget_rows
from rxcrm.db.models import Baseline, User
from rxcrm.domain.dashboards.widgets import widget_params
from rxcrm.domain.errors import Conflict, Forbidden, NotFound, ValidationFailed
from rxcrm.services.dashboards.baselines import (
    baselines_page,
    delete_baseline,
    get_baseline,
    list_baselines,
)
from rxcrm.services.pipeline.moves import mark_won, move_opportunity
from rxcrm.services.pipeline.stages import list_stages
from rxcrm.services.records.listing import ListWindow
from tests.conftest import make_opportunity, make_user


def _deal(session: Session, owner: User, amount: str) -> int:
    return make_opportunity(session, owner, amount=Decimal(amount), currency="EUR").id


def _live(session: Session, user: User, kind: str) -> list[dict]:
    return rows_json(widget_rows(session, user, kind, widget_params({})))


def test_the_frozen_rows_are_the_widgets_rows_at_creation(session: Session, rep: User) -> None:
    _deal(session, rep, "100.00")
    _deal(session, rep, "250.50")
    baseline = capture_baseline(session, rep, "pipeline_by_stage", "  Before the fair ", {})
    session.commit()
    first_stage = list_stages(session)[0]
    assert baseline.name == "Before the fair" and baseline.created_by_id == rep.id
    assert baseline.rows == _live(session, rep, "pipeline_by_stage")
    assert baseline.rows[0] == {
        "stage_id": first_stage.id,
        "stage": first_stage.name,
        "count": 2,
        "amount": "350.50",
    }


def test_live_data_changing_never_changes_a_baseline(session: Session, rep: User) -> None:
    first = _deal(session, rep, "100.00")
    second = _deal(session, rep, "40.00")
    pipeline = capture_baseline(session, rep, "pipeline_by_stage", "Pipeline Monday", {})
    revenue = capture_baseline(session, rep, "revenue", "Revenue Monday", {"period": "quarter"})
    session.commit()
    frozen = {b.id: copy.deepcopy(b.rows) for b in (pipeline, revenue)}

    _deal(session, rep, "999.00")
    move_opportunity(session, rep, first, list_stages(session)[1].id)
    mark_won(session, rep, second)
    session.commit()
    assert _live(session, rep, "pipeline_by_stage") != frozen[pipeline.id]
    assert _live(session, rep, "revenue") != frozen[revenue.id]

    session.expire_all()
    for baseline_id, rows in frozen.items():
        assert get_baseline(session, rep, baseline_id).rows == rows
    assert revenue.params == {"period": "quarter"}


def test_rows_are_frozen_under_the_creators_access(session: Session, rep: User) -> None:
    limited = make_user(session, access_level="limited_opportunities")
    _deal(session, rep, "500.00")
    _deal(session, limited, "70.00")
    own = capture_baseline(session, limited, "pipeline_by_stage", "Mine", {})
    assert own.rows[0]["count"] == 1 and own.rows[0]["amount"] == "70.00"


def test_name_kind_and_parameters_are_checked(session: Session, rep: User) -> None:
    for name in ("", "   ", "x" * 101, None):
        with pytest.raises(ValidationFailed) as error:
            capture_baseline(session, rep, "revenue", name, {})
        assert "name" in error.value.fields
    with pytest.raises(NotFound):
        capture_baseline(session, rep, "horoscope", "Stars", {})
    with pytest.raises(ValidationFailed) as error:
        capture_baseline(session, rep, "revenue", "Bad range", {"from": "2026-05-01", "to": "2026-01-01"})
    assert "to" in error.value.fields
    assert list_baselines(session, rep) == []


def test_a_rep_sees_only_his_own_baselines(session: Session, admin: User, rep: User) -> None:
    other = make_user(session)
    director = make_user(session, role="director")
    mine = capture_baseline(session, rep, "revenue", "Mine", {})
    theirs = capture_baseline(session, other, "revenue", "Theirs", {})
    bosses = capture_baseline(session, director, "funnel", "Boss", {})
    assert [b.id for b in list_baselines(session, rep)] == [mine.id]
    for hidden in (theirs.id, bosses.id):
        with pytest.raises(NotFound):
            get_baseline(session, rep, hidden)
    for viewer in (admin, director):
        assert {b.id for b in list_baselines(session, viewer)} == {mine.id, theirs.id, bosses.id}
    assert [b.id for b in list_baselines(session, director, "funnel")] == [bosses.id]


def test_the_list_is_newest_first_paginated_and_filtered_by_known_kinds(session: Session, rep: User) -> None:
    ids = [capture_baseline(session, rep, "revenue", f"B{n}", {}).id for n in range(3)]
    page = baselines_page(session, rep, "revenue", ListWindow(limit=2))
    assert page.total == 3 and [b.id for b in page.items] == ids[::-1][:2]
    with pytest.raises(ValidationFailed):
        baselines_page(session, rep, "horoscope")


def test_its_creator_or_an_admin_deletes_a_baseline_others_may_not(
    session: Session, admin: User, rep: User
) -> None:
    director = make_user(session, role="director")
    other = make_user(session)
    first = capture_baseline(session, rep, "revenue", "First", {})
    second = capture_baseline(session, rep, "revenue", "Second", {})
    with pytest.raises(Forbidden):
        delete_baseline(session, director, first.id)
    with pytest.raises(NotFound):
        delete_baseline(session, other, first.id)
    delete_baseline(session, rep, first.id)
    delete_baseline(session, admin, second.id)
    assert session.get(Baseline, first.id) is None and session.get(Baseline, second.id) is None


def test_a_name_is_used_once_per_widget_among_the_baselines_one_sees(session: Session, rep: User) -> None:
    director, other_rep = make_user(session, role="director"), make_user(session)
    first = capture_baseline(session, rep, "revenue", "Pipeline Dec 5", {})
    for who, name in ((rep, "Pipeline Dec 5"), (director, "  pipeline dec 5 ")):
        with pytest.raises(Conflict) as error:
            capture_baseline(session, who, "revenue", name, {})
        assert "already exists" in error.value.message and "name" in error.value.fields
    # a rep who cannot read the first one is not told it exists
    unseen = capture_baseline(session, other_rep, "revenue", "Pipeline Dec 5", {})
    same_name_other_widget = capture_baseline(session, rep, "funnel", "Pipeline Dec 5", {})
    assert [b.id for b in list_baselines(session, rep, "revenue")] == [first.id]
    assert [b.id for b in list_baselines(session, other_rep, "revenue")] == [unseen.id]
    assert same_name_other_widget.widget_kind == "funnel"
