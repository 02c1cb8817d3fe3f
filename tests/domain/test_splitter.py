"""Spec §2.6: a splitter rule's conditions — all must match, any form of writing them means the same."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rxcrm.domain.errors import ValidationFailed
from rxcrm.domain.leads.splitter import Condition, Conditions, describe_conditions, first_match, matcher
from rxcrm.domain.leads.splitter_rules import condition_object, rule_conditions, spelt_out, validate_rule

WEB_IN_DACH = Conditions((Condition("source", "equals", "Web"), Condition("country", "in", "DE, AT, CH")))


def test_a_lead_must_meet_every_condition_of_a_rule() -> None:
    assert WEB_IN_DACH.matches({"source": " web ", "country": "at"})
    assert not WEB_IN_DACH.matches({"source": "web", "country": "FR"})
    assert not WEB_IN_DACH.matches({"source": "fair", "country": "DE"})
    assert not WEB_IN_DACH.matches({"source": "web"})


def test_a_rule_without_conditions_matches_every_lead() -> None:
    assert Conditions().matches({}) and Conditions.of([]).matches({"source": "web"})


def test_contains_and_custom_fields_compare_without_case() -> None:
    rule = Conditions.of(
        [
            {"field": "name", "operator": "contains", "value": "GmbH"},
            {"field": "custom.region", "operator": "equals", "value": "north"},
        ]
    )
    assert rule.matches({"name": "Acme gmbh", "custom": {"region": "North"}})
    assert not rule.matches({"name": "Acme gmbh", "custom": {}})
    assert not rule.matches({"name": None, "custom": {"region": "north"}})


def test_the_first_matching_rule_in_trial_order_wins_with_one_or_several_conditions() -> None:
    rules = [(1, WEB_IN_DACH), (2, Condition("source", "equals", "web")), (3, Conditions())]
    first = matcher(rules)
    leads = [{"source": "web", "country": "ch"}, {"source": "web", "country": "us"}, {"source": "ads"}]
    assert [first(lead) for lead in leads] == [1, 2, 3]
    assert first_match(rules[:2], {"source": "ads"}) is None


def test_the_contract_object_the_list_and_field_operator_value_mean_the_same() -> None:
    expected = [
        {"field": "source", "operator": "equals", "value": "web"},
        {"field": "country", "operator": "in", "value": "DE, AT"},
    ]
    assert rule_conditions({"condition": {"source": "web", "country": ["DE", "AT"]}}) == expected
    assert rule_conditions({"conditions": [{"field": "source", "value": " web "}, expected[1]]}) == expected
    assert rule_conditions({"field": "source", "operator": "equals", "value": "web"}) == expected[:1]
    assert rule_conditions({"condition": {}}) == [] == rule_conditions({"operator": "any"})
    assert condition_object(expected) == {"source": "web", "country": ["DE", "AT"]}


def test_field_operator_value_are_answered_for_one_condition_only() -> None:
    one = [{"field": "source", "operator": "equals", "value": "web"}]
    assert spelt_out([]) == {"field": "", "operator": "any", "value": ""}
    assert spelt_out(one) == one[0]
    assert spelt_out(one * 2) == {"field": None, "operator": None, "value": None}


@pytest.mark.parametrize(
    ("data", "named"),
    [
        ({"condition": {"source": "web", "source ": "x"}}, "condition"),
        ({"condition": {"source": "web"}, "operator": "equals"}, "condition"),
        ({"conditions": [{"field": "name", "value": "a"}, {"field": "name", "value": "b"}]}, "conditions"),
        ({"conditions": [{"field": "country", "operator": "in", "value": " , "}]}, "conditions"),
        ({"conditions": "source=web"}, "conditions"),
        ({"field": "colour", "value": "red"}, "field"),
    ],
)
def test_a_wrong_condition_is_refused_naming_where_it_was_written(data: dict, named: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        validate_rule({"name": "R", "assignees": [{"user_id": 1, "percent": 100}], **data})
    assert named in refused.value.fields


def test_conditions_read_as_words() -> None:
    assert describe_conditions([]) == "any lead"
    assert describe_conditions(
        rule_conditions({"condition": {"source": "web", "country": ["DE", "AT"]}})
    ) == ("source equals web and country is one of DE, AT")


_VALUES = st.sampled_from(["web", "Web ", "fair", "de", "AT", "", None, 7, "acme GmbH"])
_CONDITIONS = st.builds(
    Condition,
    st.sampled_from(["source", "country", "company", "campaign_id", "custom.region"]),
    st.sampled_from(["equals", "in", "contains", "any"]),
    st.sampled_from(["web", "DE, at", "gmbh", "7", "", "fair,web"]),
)
_RULES = st.lists(
    st.one_of(_CONDITIONS, st.lists(_CONDITIONS, max_size=3).map(lambda c: Conditions(tuple(c)))),
    max_size=4,
)
_LEADS = st.fixed_dictionaries(
    {},
    optional={
        "source": _VALUES,
        "country": _VALUES,
        "company": _VALUES,
        "campaign_id": _VALUES,
        "custom": st.fixed_dictionaries({}, optional={"region": _VALUES}),
    },
)


@settings(max_examples=300, deadline=None)
@given(_RULES, st.lists(_LEADS, max_size=5))
def test_the_compiled_matcher_picks_the_first_rule_whose_every_condition_the_lead_meets(
    rules: list[Condition | Conditions], leads: list[dict[str, object]]
) -> None:
    """The compiled matcher (fields read once, lazily, no per-lead dict) agrees with each condition."""
    numbered = list(enumerate(rules, start=1))
    first = matcher(numbered)
    for lead in leads:
        expected = next(
            (
                rule_id
                for rule_id, rule in numbered
                if all(c.matches(lead) for c in (rule.items if isinstance(rule, Conditions) else (rule,)))
            ),
            None,
        )
        assert first(lead) == expected
