"""History text: only changed fields, written exactly."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from rxcrm.domain.history import FieldChange, as_history_text, diff_fields


def test_diff_fields_lists_only_what_changed_in_name_order() -> None:
    before = {"name": "Acme", "city": "Berlin", "amount": Decimal("10"), "tags": ["a"]}
    after = {"name": "Acme", "city": "Hamburg", "amount": Decimal("10.00"), "tags": ["a"], "zip": "20095"}
    assert diff_fields(before, after) == [
        FieldChange("city", "Berlin", "Hamburg"),
        FieldChange("zip", None, "20095"),
    ]


def test_no_change_means_no_history() -> None:
    assert diff_fields({"a": 1, "b": None}, {"a": 1}) == []


def test_values_are_written_as_plain_exact_text() -> None:
    assert as_history_text(None) is None
    assert (as_history_text(True), as_history_text(False)) == ("yes", "no")
    assert as_history_text(Decimal("1234.5")) == "1234.50"
    assert as_history_text(date(2026, 3, 31)) == "2026-03-31"
    assert as_history_text(datetime(2026, 3, 31, 8, 0, tzinfo=UTC)) == "2026-03-31T08:00:00+00:00"
    assert as_history_text(["hot", "q3"]) == "hot, q3"
    assert as_history_text({"b": 2, "a": 1}) == "a=1, b=2"
