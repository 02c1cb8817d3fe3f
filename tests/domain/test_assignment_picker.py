"""The splitter's running-total picker chooses exactly as `pick_next` does, lead after lead."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from rxcrm.domain.leads.splitter_shares import SplitPicker, pick_next, split_error


@st.composite
def percentages(draw: st.DrawFn) -> list[int]:
    """Any split of 100 into 1 to 20 whole, positive percentages."""
    k = draw(st.integers(min_value=1, max_value=20))
    cuts = sorted(draw(st.lists(st.integers(1, 99), min_size=k - 1, max_size=k - 1, unique=True)))
    return [b - a for a, b in zip([0, *cuts], [*cuts, 100], strict=True)]


def reference(percents: list[int], counts: list[int], leads: int) -> list[int]:
    """The choices of the per-lead `pick_next` over `leads` leads."""
    counts, chosen = list(counts), []
    for _ in range(leads):
        index = pick_next(percents, counts)
        counts[index] += 1
        chosen.append(index)
    return chosen


@settings(max_examples=400, deadline=None)
@given(
    percentages(),
    st.lists(st.integers(0, 2000), min_size=20, max_size=20),
    st.integers(min_value=1, max_value=300),
)
def test_the_picker_chooses_as_pick_next_from_any_counts(
    percents: list[int], start: list[int], leads: int
) -> None:
    counts = start[: len(percents)]
    picker = SplitPicker(percents, list(counts))
    assert [picker.next() for _ in range(leads)] == reference(percents, counts, leads)


def test_the_picker_advances_the_callers_counts_and_keeps_the_split_exact() -> None:
    rng = random.Random(12)
    for _ in range(50):
        cuts = sorted(rng.sample(range(1, 100), rng.randint(0, 15)))
        percents = [b - a for a, b in zip([0, *cuts], [*cuts, 100], strict=True)]
        counts = [0] * len(percents)
        picker = SplitPicker(percents, counts)
        for _ in range(rng.randint(1, 2000)):
            picker.next()
            assert split_error(percents, counts) < 1
        assert picker.counts is counts


def test_a_split_that_is_not_whole_percentages_is_left_to_pick_next() -> None:
    for percents, counts in (([60, 30], [5, 1]), ([50, 0, 50], [2, 0, 1]), ([120], [3])):
        picker = SplitPicker(percents, list(counts))
        assert [picker.next() for _ in range(7)] == reference(percents, counts, 7)
