"""Spec §2.6: routing through several rules keeps each rule's split exact for any arrival order."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from rxcrm.domain.leads.splitter import Condition
from rxcrm.domain.leads.splitter_shares import split_error
from rxcrm.services.leads.routing import RuleCounters, route
from tests.domain.test_assignment import percentages


def counters(rule_id: int, condition: Condition, percents: list[int]) -> RuleCounters:
    """A rule with fresh counters and one user per percentage (user ids rule_id*100 + i)."""
    users = [rule_id * 100 + i for i in range(len(percents))]
    return RuleCounters(
        rule_id,
        f"Rule {rule_id}",
        condition,
        users,
        users,
        [None] * len(percents),
        percents,
        [0] * len(percents),
    )


@settings(max_examples=150, deadline=None)
@given(percentages(), percentages(), st.lists(st.sampled_from(["web", "fair", "ads", None]), max_size=300))
def test_each_rule_keeps_every_prefix_within_one_lead(
    first: list[int], second: list[int], sources: list
) -> None:
    rules = [
        counters(1, Condition("source", "equals", "Web"), first),
        counters(2, Condition("source", "in", "fair, ads"), second),
    ]
    routed: dict[int, Counter] = {1: Counter(), 2: Counter()}
    for source in sources:
        (decision,) = route(rules, [{"source": source}])
        if source is None:
            assert decision is None
            continue
        expected_rule = 1 if source == "web" else 2
        assert decision.rule_id == expected_rule
        routed[expected_rule][decision.owner_id] += 1
        rule = rules[expected_rule - 1]
        assert split_error(rule.percents, [routed[expected_rule][u] for u in rule.users]) < 1


def test_the_first_matching_rule_in_trial_order_wins() -> None:
    specific = counters(1, Condition("country", "equals", "DE"), [100])
    catch_all = counters(2, Condition("", "any", ""), [100])
    decisions = route([specific, catch_all], [{"country": "de"}, {"country": "FR"}, {}])
    assert [d.rule_id for d in decisions] == [1, 2, 2]
    assert specific.counts == [1] and catch_all.counts == [2]


def test_a_batch_continues_the_split_where_the_stored_counters_left_it() -> None:
    rule = counters(1, Condition("", "any", ""), [50, 50])
    rule.counts = [3, 2]
    decisions = route([rule], [{}, {}, {}])
    assert [d.owner_id for d in decisions] == [101, 100, 101]
    assert rule.counts == [4, 4] and rule.dirty
