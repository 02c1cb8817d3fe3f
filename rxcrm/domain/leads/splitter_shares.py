"""The lead splitter's arithmetic: which assignee gets the next lead so the split stays exact.

Assignees have whole percentages summing to 100. After any number n of leads routed by a rule,
every assignee's count c_i must stay within one lead of its share: |c_i - p_i * n / 100| < 1.
Giving the next lead to the largest deficit does not guarantee that (it can leave a small share
a full lead behind); the earliest-deadline rule below does (Tijdeman's solution of the "chairman
assignment problem": the bound is 1 - 1/(2k - 2) for k assignees). It is deterministic: the same
counts always give the same answer, so the choice can be made inside a locked database row.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from fractions import Fraction
from math import lcm

from rxcrm.domain.errors import ValidationFailed

WHOLE = 100


def check_percents(percents: Sequence[int]) -> None:
    """A rule splits among at least one assignee with whole percentages from 1 to 100 summing to 100."""
    if not percents:
        raise ValidationFailed.from_fields({"assignees": "name at least one user or partner"})
    if any(isinstance(p, bool) or not isinstance(p, int) or not 1 <= p <= WHOLE for p in percents):
        raise ValidationFailed.from_fields({"assignees": "each percentage is a whole number from 1 to 100"})
    if sum(percents) != WHOLE:
        raise ValidationFailed.from_fields({"assignees": f"percentages add up to {sum(percents)}, not 100"})


def next_assignee(percents: Sequence[int], counts: Sequence[int]) -> int:
    """The index of the assignee who gets the next lead, given how many each has received so far.

    Among the assignees still owed a share at lead n+1 (p_i (n+1)/100 > c_i), the one whose next
    lead falls due first (the smallest t with p_i t/100 >= c_i + 1) gets it; ties go to the first.
    """
    check_percents(percents)
    if len(counts) != len(percents) or any(c < 0 for c in counts):
        raise ValueError("one non-negative count per assignee")
    return pick_next(percents, counts)


def pick_next(percents: Sequence[int], counts: Sequence[int]) -> int:
    """`next_assignee` for inputs already checked (the router's hot loop, once per lead)."""
    n = sum(counts) + 1
    best = -1
    for i, (p, c) in enumerate(zip(percents, counts, strict=True)):
        if p * n <= c * WHOLE:
            continue
        # deadline (c+1)*100/p, compared by cross-multiplication (exact, no fractions); ties keep the first
        if best < 0 or (c + 1) * percents[best] < (counts[best] + 1) * p:
            best = i
    return best


class SplitPicker:
    """`pick_next` for a run of leads, with running totals: O(log k) per lead instead of O(k).

    In units of 1/L lead slots (L = lcm of the percentages), assignee i becomes owed its next lead
    once n*L exceeds c_i*100*L/p_i (its release) and falls due at (c_i+1)*100*L/p_i (its deadline):
    both are whole numbers. The released assignees wait in a heap by (deadline, index), the others
    in a heap by (release, index); the earliest deadline among the released wins, ties to the first
    index — exactly `pick_next`'s choice. `counts` is advanced in place (the caller's list).
    """

    def __init__(self, percents: Sequence[int], counts: list[int]) -> None:
        """Start from the counts so far; a split not of whole percents summing to 100 goes to `pick_next`."""
        self.counts, self._percents = counts, list(percents)
        self._exact = bool(percents) and sum(percents) == WHOLE and all(p >= 1 for p in percents)
        if not self._exact:
            return
        scale = lcm(*percents) * WHOLE
        self._steps = [scale // p for p in percents]
        self._slot = lcm(*percents)
        self._n = sum(counts)
        self._waiting = [(c * step, i) for i, (c, step) in enumerate(zip(counts, self._steps, strict=True))]
        heapq.heapify(self._waiting)
        self._owed: list[tuple[int, int]] = []

    def next(self) -> int:
        """The index of the assignee who gets the next lead; its count is advanced."""
        if not self._exact:
            best = pick_next(self._percents, self.counts)
            self.counts[best] += 1
            return best
        self._n += 1
        now = self._n * self._slot
        waiting, owed, steps = self._waiting, self._owed, self._steps
        while waiting and waiting[0][0] < now:
            release, i = heapq.heappop(waiting)
            heapq.heappush(owed, (release + steps[i], i))
        deadline, best = heapq.heappop(owed)
        self.counts[best] += 1
        heapq.heappush(waiting, (deadline, best))
        return best


def split_error(percents: Sequence[int], counts: Sequence[int]) -> Fraction:
    """How far the split is from exact: the largest |c_i - p_i n / 100| over the assignees."""
    n = sum(counts)
    return max(abs(Fraction(c) - Fraction(p * n, WHOLE)) for p, c in zip(percents, counts, strict=True))
