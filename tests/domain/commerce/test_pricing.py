"""Quote arithmetic: exact lines, totals that add up, the rounding item, bundle shares to the cent."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rxcrm.domain.commerce.money import money_in, percent_in, quantity_in
from rxcrm.domain.commerce.pricing import (
    Line,
    bundle_shares,
    check_line,
    convert,
    line_total,
    quote_totals,
)
from rxcrm.domain.errors import ValidationFailed

D = Decimal
money = st.decimals(min_value=0, max_value=D("99999999.99"), places=2)
quantities = st.decimals(min_value=D("0.0001"), max_value=D("100000"), places=4)
percents = st.decimals(min_value=0, max_value=100, places=4)


@st.composite
def lines(draw: st.DrawFn) -> Line:
    quantity, price = draw(quantities), draw(money)
    kind = draw(st.sampled_from(["none", "percent", "amount"]))
    if kind == "percent":
        return Line(quantity, price, discount_percent=draw(percents))
    if kind == "amount":
        gross = (quantity * price).quantize(D("0.01"))
        amount = draw(st.decimals(min_value=0, max_value=gross, places=2))
        return Line(quantity, price, discount_amount=amount)
    return Line(quantity, price)


def test_one_and_a_half_times_33_33_is_50_00() -> None:
    assert line_total(Line(D("1.5"), D("33.33"))) == D("50.00")


def test_each_line_is_rounded_half_up_to_the_cent() -> None:
    assert line_total(Line(D("3"), D("0.335"))) == D("1.01")  # 1.005 -> 1.01, not banker's 1.00
    assert line_total(Line(D("1"), D("10.00"), discount_percent=D("33.333"))) == D("6.67")


def test_a_line_takes_one_discount_or_neither() -> None:
    with pytest.raises(ValidationFailed) as err:
        check_line(Line(D(1), D(10), discount_percent=D(5), discount_amount=D(1)))
    assert "discount_amount" in err.value.fields


def test_a_discount_amount_never_exceeds_the_line() -> None:
    with pytest.raises(ValidationFailed):
        check_line(Line(D(2), D("5.00"), discount_amount=D("10.01")))
    check_line(Line(D(2), D("5.00"), discount_amount=D("10.00")))


def test_the_rounding_item_holds_the_total_at_its_target() -> None:
    items = [Line(D(3), D("333.33")), Line(D(1), D("12.34"), discount_percent=D(10))]
    totals = quote_totals([*items, Line(is_rounding=True, target_total=D("1000.00"))])
    assert totals.total == D("1000.00")
    assert totals.subtotal == D("1012.33")
    assert totals.discount_total == D("1.23")
    assert totals.rounding == D("-11.10")


@given(st.lists(lines(), max_size=30))
def test_line_totals_always_add_up_to_the_quote_total(items: list[Line]) -> None:
    totals = quote_totals(items)
    assert sum(totals.line_totals, D("0.00")) == totals.total
    assert totals.total == totals.subtotal - totals.discount_total
    assert all(t == t.quantize(D("0.01")) for t in totals.line_totals)


@given(st.lists(lines(), max_size=20), st.decimals(min_value=-1000, max_value=10**9, places=2))
def test_with_a_rounding_item_the_total_is_the_target(items: list[Line], target: Decimal) -> None:
    totals = quote_totals([*items, Line(is_rounding=True, target_total=target)])
    assert totals.total == target
    assert sum(totals.line_totals, D("0.00")) == target


weights = st.decimals(min_value=D("0.000001"), max_value=10**6, places=6)


@given(money, st.lists(weights, min_size=1, max_size=25))
def test_bundle_shares_add_up_to_the_bundle_price_exactly(price: Decimal, weights: list[Decimal]) -> None:
    shares = bundle_shares(price, weights)
    assert sum(shares, D("0.00")) == price
    assert all(s >= 0 and s == s.quantize(D("0.01")) for s in shares)
    exact = [price * w / sum(weights) for w in weights]
    assert all(abs(s - e) < D("0.01") for s, e in zip(shares, exact, strict=True))


def test_bundle_shares_follow_the_weights() -> None:
    assert bundle_shares(D("100.00"), [D(1), D(1), D(1)]) == [D("33.34"), D("33.33"), D("33.33")]
    assert bundle_shares(D("1000.00"), [D(3), D(1)]) == [D("750.00"), D("250.00")]


def test_a_bundle_needs_items_with_positive_weights() -> None:
    with pytest.raises(ValidationFailed):
        bundle_shares(D("10.00"), [])
    with pytest.raises(ValidationFailed):
        bundle_shares(D("10.00"), [D(1), D(0)])


def test_conversion_goes_through_the_board_currency_rates() -> None:
    # 1 USD = 0.92 EUR (board), 1 CHF = 1.05 EUR: 100 USD = 87.62 CHF
    assert convert(D("100.00"), D("0.92"), D("1.05")) == D("87.62")


@pytest.mark.parametrize("bad", ["-1", "abc", "1e400", "1.001", None, True, "NaN", "Infinity"])
def test_bad_prices_are_refused(bad: object) -> None:
    with pytest.raises(ValueError):
        money_in(bad)


@pytest.mark.parametrize("bad", ["0", "-2", "x", "1e12", "0.00001"])
def test_bad_quantities_are_refused(bad: object) -> None:
    with pytest.raises(ValueError):
        quantity_in(bad)


@pytest.mark.parametrize("bad", ["100.01", "-1", "pct"])
def test_discounts_above_100_percent_are_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        percent_in(bad)


def test_numbers_arrive_as_strings_integers_or_json_floats() -> None:
    assert money_in("19.90") == D("19.90")
    assert money_in(20) == D("20.00")
    assert money_in(19.9) == D("19.90")
    assert quantity_in("1.5") == D("1.5000")
