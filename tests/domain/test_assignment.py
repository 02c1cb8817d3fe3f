"""Spec §2.6: the splitter keeps every prefix of routed leads within one lead of the percentages."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rxcrm.domain.errors import ValidationFailed
from rxcrm.domain.leads.splitter_shares import check_percents, next_assignee, split_error


@st.composite
def percentages(draw: st.DrawFn) -> list[int]:
    """Any split of 100 into 1 to 8 whole, positive percentages."""
    k = draw(st.integers(min_value=1, max_value=8))
    cuts = sorted(draw(st.lists(st.integers(1, 99), min_size=k - 1, max_size=k - 1, unique=True)))
    return [b - a for a, b in zip([0, *cuts], [*cuts, 100], strict=True)]


def route(percents: list[int], leads: int) -> list[list[int]]:
    """The counts after each routed lead."""
    counts, history = [0] * len(percents), []
    for _ in range(leads):
        counts[next_assignee(percents, counts)] += 1
        history.append(list(counts))
    return history


@settings(max_examples=300, deadline=None)
@given(percentages(), st.integers(min_value=1, max_value=400))
def test_every_prefix_stays_within_one_lead_of_the_percentages(percents: list[int], leads: int) -> None:
    for counts in route(percents, leads):
        assert split_error(percents, counts) < 1


@settings(max_examples=200, deadline=None)
@given(percentages(), st.lists(st.integers(0, 50), min_size=1, max_size=8))
def test_from_any_exact_state_the_next_lead_keeps_the_split_exact(
    percents: list[int], extra: list[int]
) -> None:
    start = route(percents, sum(extra))[-1] if sum(extra) else [0] * len(percents)
    counts = list(start)
    counts[next_assignee(percents, counts)] += 1
    assert split_error(percents, counts) < 1


def test_where_feeding_the_largest_deficit_falls_a_lead_behind_the_splitter_does_not() -> None:
    percents = [1, 77, 20, 1, 1]
    counts, worst = [0] * 5, Fraction(0)
    for n in range(1, 301):
        largest = max(range(5), key=lambda i: (Fraction(percents[i] * n, 100) - counts[i], -i))
        counts[largest] += 1
        worst = max(worst, split_error(percents, counts))
    assert worst >= 1
    assert max(split_error(percents, c) for c in route(percents, 300)) < 1


def test_a_50_30_20_split_over_ten_leads() -> None:
    assert route([50, 30, 20], 10)[-1] == [5, 3, 2]
    assert [next_assignee([50, 30, 20], c) for c in ([0, 0, 0], [1, 0, 0])] == [0, 1]


def test_the_choice_is_deterministic() -> None:
    assert route([33, 33, 34], 50) == route([33, 33, 34], 50)


@pytest.mark.parametrize(
    ("percents", "message"),
    [([], "at least one"), ([50, 40], "add up to 90"), ([0, 100], "from 1 to 100"), ([True, 99], "whole")],
)
def test_bad_percentages_are_refused(percents: list, message: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        check_percents(percents)
    assert message in refused.value.fields["assignees"]
