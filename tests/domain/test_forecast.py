"""The forecast's pure rules: period buckets, labels, money rounding and what may be asked for."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from rxcrm.domain.errors import ValidationFailed
from rxcrm.domain.pipeline.forecast import (
    NO_TEAM,
    forecast_query,
    money_text,
    period_key,
    period_order,
    team_label,
    weighted_value,
)


@pytest.mark.parametrize(
    ("day", "period", "key"),
    [
        (date(2026, 11, 15), "month", "2026-11"),
        (date(2026, 1, 1), "month", "2026-01"),
        (date(2026, 11, 15), "quarter", "2026-Q4"),
        (date(2026, 1, 1), "quarter", "2026-Q1"),
        (date(2026, 3, 31), "quarter", "2026-Q1"),
        (date(2026, 4, 1), "quarter", "2026-Q2"),
        (date(2026, 9, 30), "quarter", "2026-Q3"),
        (date(2026, 10, 1), "quarter", "2026-Q4"),
    ],
)
def test_a_close_date_falls_in_its_month_or_quarter(day: date, period: str, key: str) -> None:
    assert period_key(day, period) == key


def test_a_deal_without_close_date_falls_in_the_no_date_bucket() -> None:
    assert period_key(None, "month") == "No date"
    assert period_key(None, "quarter") == "No date"


def test_periods_sort_by_time_and_the_no_date_bucket_comes_last() -> None:
    keys = ["No date", "2027-01", "2026-12", "2026-02"]
    assert sorted(keys, key=period_order) == ["2026-02", "2026-12", "2027-01", "No date"]


def test_users_without_a_team_fall_in_no_team() -> None:
    assert team_label("East") == "East"
    assert team_label(None) == NO_TEAM == "No team"
    assert team_label("   ") == "No team"


def test_weighted_value_is_amount_times_probability_over_hundred_rounded_to_the_cent() -> None:
    assert weighted_value(Decimal("1000.00") * 30) == Decimal("300.00")
    assert weighted_value(Decimal("33.33") * 15) == Decimal("5.00")  # 4.9995 rounds half up
    assert weighted_value(Decimal("0.05") * 10) == Decimal("0.01")  # 0.005 rounds half up


def test_money_is_written_with_two_decimals() -> None:
    assert money_text(Decimal("12.5")) == "12.50"
    assert money_text(Decimal(0)) == "0.00"


def test_a_forecast_defaults_to_months_per_owner_without_filters() -> None:
    query = forecast_query()
    assert (query.period, query.group, query.date_from, query.date_to) == ("month", "owner", None, None)
    assert (query.owner_id, query.team) == (None, None)


def test_forecast_parameters_are_read_from_text() -> None:
    query = forecast_query("quarter", "team", "2026-01-01", "2026-12-31", "7", " East ")
    assert query.period == "quarter" and query.group == "team"
    assert (query.date_from, query.date_to) == (date(2026, 1, 1), date(2026, 12, 31))
    assert (query.owner_id, query.team) == (7, "East")


def test_empty_inputs_mean_no_filter() -> None:
    query = forecast_query("month", "none", "", " ", "", "")
    assert (query.date_from, query.date_to, query.owner_id, query.team) == (None, None, None, None)


def test_every_wrong_parameter_is_named_at_once() -> None:
    with pytest.raises(ValidationFailed) as caught:
        forecast_query("week", "region", "31.01.2026", "tomorrow", "abc", "x" * 101)
    assert set(caught.value.fields) == {"period", "group", "from", "to", "owner_id", "team"}


@pytest.mark.parametrize("owner", ["²", "٣", "1²", "0", "-3", " 7", "2147483648", "9" * 20, True])
def test_an_owner_must_be_an_id_in_plain_ascii_digits_within_the_id_range(owner) -> None:
    with pytest.raises(ValidationFailed) as caught:
        forecast_query(owner_id=owner)
    assert caught.value.fields == {"owner_id": "must be a user id"}


def test_the_largest_owner_id_is_the_largest_database_integer() -> None:
    assert forecast_query(owner_id="2147483647").owner_id == 2**31 - 1
    assert forecast_query(owner_id=1).owner_id == 1


def test_the_range_must_not_end_before_it_starts() -> None:
    with pytest.raises(ValidationFailed) as caught:
        forecast_query(date_from="2026-06-01", date_to="2026-05-31")
    assert caught.value.fields == {"to": "must not be before 'from'"}
