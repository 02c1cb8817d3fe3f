"""The catalogue's form rules: categories, products, price books, entries and bundles."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rxcrm.domain.commerce.catalogue_rules import (
    BundleItemInput,
    check_bundle,
    check_category,
    check_entry,
    check_items_in_book,
    check_price_book,
    check_product,
    check_replaces,
    copy_code,
    copy_name,
    item_shares,
    kind_change,
    share_preview,
)
from rxcrm.domain.errors import ValidationFailed


def fields_of(call, *args) -> dict[str, str]:  # noqa: ANN001
    with pytest.raises(ValidationFailed) as caught:
        call(*args)
    return caught.value.fields


def test_a_term_category_needs_a_length_of_1_to_120_months() -> None:
    assert (
        check_category({"name": "Support", "contract_kind": "term", "term_months": 24})["term_months"] == 24
    )
    assert "term_months" in fields_of(check_category, {"name": "S", "contract_kind": "term"})
    assert "term_months" in fields_of(
        check_category, {"name": "S", "contract_kind": "term", "term_months": 0}
    )
    assert "term_months" in fields_of(
        check_category, {"name": "S", "contract_kind": "term", "term_months": 121}
    )


def test_a_one_off_category_has_no_length_and_the_kind_must_be_known() -> None:
    assert check_category({"name": "Hardware", "contract_kind": "one_off"})["term_months"] is None
    assert "term_months" in fields_of(
        check_category, {"name": "H", "contract_kind": "one_off", "term_months": 12}
    )
    assert "contract_kind" in fields_of(check_category, {"name": "H", "contract_kind": "monthly"})
    assert "name" in fields_of(check_category, {"name": "  ", "contract_kind": "one_off"})


def test_a_product_needs_a_name_and_a_code_within_their_lengths() -> None:
    assert set(fields_of(check_product, {"name": "", "code": None})) == {"name", "code"}
    assert "code" in fields_of(check_product, {"name": "A", "code": "x" * 51})
    assert "category_id" in fields_of(check_product, {"name": "A", "code": "A", "category_id": "abc"})
    values = check_product({"name": " Seat ", "code": "SEAT", "description": ""})
    assert values == {
        "name": "Seat",
        "code": "SEAT",
        "description": None,
        "category_id": None,
        "active": True,
    }


def test_a_price_book_reads_its_projects_and_cannot_update_itself() -> None:
    values = check_price_book({"name": "Standard", "project_ids": [2, 1, 2]})
    assert values["project_ids"] == [2, 1]
    assert "project_ids" in fields_of(check_price_book, {"name": "S", "project_ids": ["x"]})
    assert "replaces_id" in fields_of(check_replaces, 5, 5)
    check_replaces(5, 4)


@pytest.mark.parametrize("price", ["-1.00", "abc", "1e400", "10.005", None, float("inf"), "NaN"])
def test_an_entry_refuses_prices_that_are_not_money(price: object) -> None:
    assert "price" in fields_of(
        check_entry, {"product_id": 1, "unit": "piece", "price": price, "currency": "EUR"}
    )


def test_an_entry_needs_a_product_a_unit_and_a_currency() -> None:
    assert set(fields_of(check_entry, {"price": "1.00", "currency": "EURO"})) == {
        "product_id",
        "unit",
        "currency",
    }
    values = check_entry({"product_id": "3", "unit": "user/month", "price": "12.5", "currency": "eur"})
    assert values == {"product_id": 3, "unit": "user/month", "price": Decimal("12.50"), "currency": "EUR"}


def test_a_bundle_names_each_wrong_item() -> None:
    data = {
        "price_book_id": 1,
        "name": "Starter",
        "price": "100.00",
        "currency": "EUR",
        "items": [{"entry_id": 1, "weight": "0"}, {"entry_id": "x", "weight": "1"}, "junk"],
    }
    fields = fields_of(check_bundle, data)
    assert {"items.0.weight", "items.1.entry_id", "items.2"} <= set(fields)
    assert "items" in fields_of(check_bundle, {**data, "items": []})
    twice = [{"entry_id": 1, "weight": "1"}, {"entry_id": 1, "weight": "2"}]
    assert "items" in fields_of(check_bundle, {**data, "items": twice})


def test_bundle_items_must_come_from_the_bundle_s_book() -> None:
    items = [BundleItemInput(1, Decimal(1)), BundleItemInput(2, Decimal(1)), BundleItemInput(3, Decimal(1))]
    fields = fields_of(check_items_in_book, 7, {1: 7, 2: 8}, items)
    assert set(fields) == {"items.1.entry_id", "items.2.entry_id"}


def test_a_copy_gets_a_fresh_code() -> None:
    taken = {"SEAT-COPY", "SEAT-COPY2"}
    assert copy_code("SEAT", taken.__contains__) == "SEAT-COPY3"
    assert len(copy_code("X" * 50, lambda _: False)) == 50
    assert copy_name("Seat") == "Copy of Seat"


@given(
    price=st.decimals(min_value=0, max_value=10**9, places=2),
    weights=st.lists(st.decimals(min_value="0.000001", max_value=1000, places=6), min_size=1, max_size=30),
)
def test_item_shares_add_up_to_the_bundle_price_to_the_cent(price: Decimal, weights: list[Decimal]) -> None:
    shares = item_shares(price, weights)
    assert sum(shares, Decimal(0)) == price
    assert all(share >= 0 for share in shares)


def test_the_share_preview_shows_dashes_until_price_and_weights_read() -> None:
    assert share_preview("10.00", ["1", "1", "1"]) == (["3.34", "3.33", "3.33"], "10.00")
    assert share_preview("10.00", []) == ([], "0.00")
    assert share_preview("ten", ["1", "2"]) == (["—", "—"], "—")
    assert share_preview("10.00", ["1", "-2"]) == (["—", "—"], "—")
    assert share_preview("1e400", ["1"]) == (["—"], "—")


def test_a_category_made_term_based_keeps_its_length_or_runs_a_year_and_one_off_has_none() -> None:
    assert kind_change("term", 24) == {"contract_kind": "term", "term_months": 24}
    assert kind_change("term", None) == {"contract_kind": "term", "term_months": 12}
    assert kind_change("one_off", 24) == {"contract_kind": "one_off", "term_months": None}
