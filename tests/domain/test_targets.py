"""User targets: a month as 'YYYY-MM', an amount of at least zero, who sets and sees them."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from rxcrm.domain.dashboards.targets import (
    check_may_set_targets,
    check_target_user,
    parse_period,
    parse_year,
    sees_every_target,
    target_amount,
)
from rxcrm.domain.errors import Forbidden, ValidationFailed


@pytest.mark.parametrize("text", ["2026-03", " 2026-12 ", "2000-01", "2100-12"])
def test_a_period_is_a_calendar_month(text: str) -> None:
    assert parse_period(text) == text.strip()


@pytest.mark.parametrize(
    "text", ["2026-13", "2026-00", "2026-3", "26-03", "2026/03", "1999-12", "", None, 202603]
)
def test_anything_else_is_refused_naming_the_period(text: object) -> None:
    with pytest.raises(ValidationFailed) as error:
        parse_period(text)
    assert "period" in error.value.fields


@pytest.mark.parametrize(
    ("value", "expected"), [("25000", "25000.00"), ("0", "0.00"), (1500, "1500.00"), ("12.5", "12.50")]
)
def test_an_amount_is_exact_money(value: object, expected: str) -> None:
    assert target_amount(value) == Decimal(expected)


@pytest.mark.parametrize("value", ["-1", "12.345", "abc", "", None, True, "NaN"])
def test_negative_unparseable_or_missing_amounts_are_refused(value: object) -> None:
    with pytest.raises(ValidationFailed) as error:
        target_amount(value)
    assert "amount" in error.value.fields


def test_years_run_from_2000_to_2100() -> None:
    assert parse_year("2026") == 2026
    for bad in ("1999", "2101", "twenty", -5):
        with pytest.raises(ValidationFailed):
            parse_year(bad)


@pytest.mark.parametrize(
    ("check", "allowed", "refused", "error"),
    [
        (check_may_set_targets, ("admin", "director"), ("rep", "partner"), Forbidden),
        (check_target_user, ("rep", "director"), ("admin", "partner"), ValidationFailed),
    ],
    ids=["admins and directors set targets, reps do not", "targets are for reps and directors only"],
)
def test_who_sets_targets_and_who_has_them(
    check: Callable[[str], None], allowed: tuple[str, ...], refused: tuple[str, ...], error: type[Exception]
) -> None:
    for role in allowed:
        check(role)
    for role in refused:
        with pytest.raises(error):
            check(role)


def test_only_admins_and_directors_see_every_target() -> None:
    assert sees_every_target("admin") and sees_every_target("director")
    assert not sees_every_target("rep") and not sees_every_target("partner")
