"""Quote rules: reading a line from input, validity, first quote active, delete, one rounding item."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rxcrm.domain.commerce.pricing import Line, quote_totals
from rxcrm.domain.commerce.quotes import (
    check_deletable,
    check_no_rounding_yet,
    check_totals_fit,
    check_validity,
    copy_name,
    line_change,
    read_line,
    rounding_line,
    starts_active,
)
from rxcrm.domain.errors import Conflict, ValidationFailed


def test_read_line_takes_strings_and_numbers_and_keeps_what_was_not_given() -> None:
    line = read_line({"quantity": "1.5", "discount_percent": 10}, Line(unit_price=Decimal("33.33")))
    assert (line.quantity, line.unit_price, line.discount_percent) == (
        Decimal("1.5"),
        Decimal("33.33"),
        Decimal("10"),
    )


def test_read_line_clears_a_discount_given_empty_but_never_the_quantity() -> None:
    line = read_line({"discount_amount": ""}, Line(unit_price=Decimal(5), discount_amount=Decimal(1)))
    assert line.discount_amount is None
    with pytest.raises(ValidationFailed) as caught:
        read_line({"quantity": ""})
    assert caught.value.fields == {"quantity": "is required"}


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"quantity": "-1"}, "quantity"),
        ({"quantity": "0"}, "quantity"),
        ({"quantity": "abc"}, "quantity"),
        ({"quantity": float("inf")}, "quantity"),
        ({"unit_price": "1e400"}, "unit_price"),
        ({"unit_price": "1.001"}, "unit_price"),
        ({"discount_percent": "100.5"}, "discount_percent"),
        ({"discount_percent": "5", "discount_amount": "1"}, "discount_amount"),
        ({"target_total": "x"}, "target_total"),
    ],
)
def test_read_line_names_the_wrong_field(data: dict, field: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        read_line(data, Line(unit_price=Decimal("10.00")))
    assert field in caught.value.fields


def test_every_wrong_field_is_named_at_once() -> None:
    with pytest.raises(ValidationFailed) as caught:
        read_line({"quantity": "-2", "unit_price": "abc", "discount_percent": "200"})
    assert set(caught.value.fields) == {"quantity", "unit_price", "discount_percent"}


def test_validity_first_quote_copy_delete_and_rounding_rules() -> None:
    check_validity(date(2026, 1, 1), date(2026, 1, 1))
    with pytest.raises(ValidationFailed):
        check_validity(date(2026, 1, 2), date(2026, 1, 1))
    assert starts_active(0) and not starts_active(1)
    assert copy_name("Offer") == "Copy of Offer" and len(copy_name("x" * 200)) == 200
    check_deletable(False)
    with pytest.raises(Conflict):
        check_deletable(True)
    check_no_rounding_yet(False)
    with pytest.raises(Conflict):
        check_no_rounding_yet(True)


def test_totals_too_large_for_the_money_columns_are_refused() -> None:
    huge = quote_totals([Line(quantity=Decimal("999999999"), unit_price=Decimal("999999999999"))])
    with pytest.raises(ValidationFailed) as caught:
        check_totals_fit(huge, "quantity")
    assert "quantity" in caught.value.fields


@given(
    prices=st.lists(st.decimals(min_value=0, max_value=10**6, places=2), min_size=1, max_size=8),
    target=st.decimals(min_value=-(10**6), max_value=10**7, places=2),
)
def test_a_rounding_line_keeps_the_total_at_its_target(prices: list[Decimal], target: Decimal) -> None:
    lines = [Line(unit_price=p) for p in prices] + [rounding_line(target)]
    totals = quote_totals(lines)
    assert totals.total == target == sum(totals.line_totals, Decimal("0.00"))


def test_typing_one_discount_takes_the_other_off() -> None:
    assert line_change("discount_percent", "5") == {"discount_percent": "5", "discount_amount": None}
    assert line_change("discount_amount", "2.50") == {"discount_amount": "2.50", "discount_percent": None}
    assert line_change("discount_amount", " ") == {"discount_amount": " "}
    assert line_change("quantity", "3") == {"quantity": "3"}
    line = read_line(line_change("discount_amount", "1"), Line(Decimal(1), Decimal(10), Decimal(5)))
    assert line.discount_percent is None and line.discount_amount == Decimal("1.00")
