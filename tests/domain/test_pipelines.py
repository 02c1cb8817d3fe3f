"""Several pipelines, the pure rules: usable stage sets, names, deletion, order, the one default."""

from __future__ import annotations

import pytest

from rxcrm.domain.errors import Conflict, ValidationFailed
from rxcrm.domain.pipeline.pipelines import (
    STARTING_STAGES,
    check_deletable,
    check_kind_kept,
    check_stage_set,
    default_after,
    kinds_text,
    missing_kinds,
    pipeline_name,
    placed,
)


def _stage(name: str, kind: str | None = None, **kw) -> dict:
    return {"name": name, **({"kind": kind} if kind else {}), **kw}


def test_a_new_pipeline_needs_an_open_a_won_and_a_lost_stage() -> None:
    with pytest.raises(ValidationFailed) as caught:
        check_stage_set([_stage("Talk"), _stage("Signed", "won")])
    assert caught.value.fields == {"stages": "a pipeline needs a lost stage"}
    with pytest.raises(ValidationFailed) as caught:
        check_stage_set([_stage("Gone", "lost")])
    assert caught.value.fields == {"stages": "a pipeline needs an open and a won stage"}


def test_a_stage_without_a_kind_is_open_and_each_bad_stage_is_named() -> None:
    stages = check_stage_set([_stage("Talk"), _stage("Signed", "won"), _stage("Gone", "lost")])
    assert [s["kind"] for s in stages] == ["open", "won", "lost"]
    with pytest.raises(ValidationFailed) as caught:
        check_stage_set([_stage(""), _stage("Signed", "maybe"), _stage("Gone", "lost", color="red")])
    assert set(caught.value.fields) == {"stages.0.name", "stages.1.kind", "stages.2.color"}


@pytest.mark.parametrize("stages", [None, [], "Talk, Won, Lost", [{"name": "x"}] * 31])
def test_stages_must_be_a_list_of_one_to_thirty(stages) -> None:
    with pytest.raises(ValidationFailed) as caught:
        check_stage_set(stages)
    assert "stages" in caught.value.fields


def test_the_starting_stages_make_a_usable_pipeline() -> None:
    stages = [
        {"name": s.name, "kind": s.kind, "probability": s.probability, "color": s.color}
        for s in STARTING_STAGES
    ]
    assert len(check_stage_set(stages)) == 5
    assert missing_kinds([s.kind for s in STARTING_STAGES]) == []


def test_a_pipeline_name_is_required_trimmed_and_short() -> None:
    assert pipeline_name("  Renewals ") == "Renewals"
    for bad in (None, "", "   ", 7, "x" * 101):
        with pytest.raises(ValidationFailed):
            pipeline_name(bad)


def test_a_stage_change_may_not_leave_a_pipeline_without_a_kind() -> None:
    check_kind_kept(["open", "won", "lost", "open"], "Renewals")
    with pytest.raises(Conflict, match="'Renewals' needs a won stage"):
        check_kind_kept(["open", "lost"], "Renewals")


def test_a_pipeline_with_deals_or_the_last_one_cannot_be_deleted() -> None:
    check_deletable("Renewals", 0, 2)
    with pytest.raises(Conflict, match="3 deals stand in 'Renewals'"):
        check_deletable("Renewals", 3, 2)
    with pytest.raises(Conflict, match="1 deal stands in"):
        check_deletable("Renewals", 1, 2)
    with pytest.raises(Conflict, match="only pipeline"):
        check_deletable("Renewals", 0, 1)


def test_moving_a_pipeline_in_the_order_clamps_to_the_list() -> None:
    assert placed([1, 2, 3], 3, 0) == [3, 1, 2]
    assert placed([1, 2, 3], 1, 1) == [2, 1, 3]
    assert placed([1, 2, 3], 1, 99) == [2, 3, 1]
    assert placed([1, 2, 3], 2, -5) == [2, 1, 3]


def test_exactly_one_pipeline_is_the_default() -> None:
    assert default_after([4, 2, 9], [2]) == 2
    assert default_after([4, 2, 9], []) == 4
    assert default_after([4, 2, 9], [2], leaving=2) == 4
    assert default_after([4], [4], leaving=4) is None


def test_missing_kinds_are_named_in_words() -> None:
    assert kinds_text(["open", "won", "lost"]) == "an open, a won and a lost stage"
    assert kinds_text(["lost"]) == "a lost stage"


def test_a_stage_name_longer_than_its_column_is_named_not_stored() -> None:
    with pytest.raises(ValidationFailed) as caught:
        check_stage_set([_stage("x" * 101), _stage("Signed", "won"), _stage("Gone", "lost")])
    assert caught.value.fields == {"stages.0.name": "must be at most 100 characters"}
