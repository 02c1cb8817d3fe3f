"""Reading browser form values: a select's id is a database id, 'none'/empty, or invalid (-1)."""

from __future__ import annotations

import pytest

from rxcrm.ui.components.conversion import INVALID_ID, optional_id


@pytest.mark.parametrize(("value", "read"), [("42", 42), (" 7 ", 7), (3, 3), ("2147483647", 2**31 - 1)])
def test_a_select_value_in_ascii_digits_is_the_record_id(value, read: int) -> None:
    assert optional_id(value) == read


@pytest.mark.parametrize("value", [None, "", "  ", "none"])
def test_an_empty_select_means_no_link(value) -> None:
    assert optional_id(value) is None


@pytest.mark.parametrize("value", ["²", "٣", "1²", "abc", "-5", "0", "2147483648", "9" * 30, "1.5"])
def test_anything_else_is_an_invalid_id_that_matches_no_record(value) -> None:
    assert optional_id(value) == INVALID_ID == -1


@pytest.mark.parametrize(
    ("value", "expected"), [("12", 12), (" 12 ", 12), ("", INVALID_ID), ("x", INVALID_ID)]
)
def test_a_record_reference_from_the_browser_is_an_id_or_matches_nothing(value: str, expected: int) -> None:
    from rxcrm.ui.components.conversion import record_ref

    assert record_ref(value) == expected
