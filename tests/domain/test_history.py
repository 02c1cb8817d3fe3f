"""History text: only changed fields, written exactly."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from rxcrm.domain.records.history import (
    FieldChange,
    as_history_text,
    diff_fields,
    history_field_label,
    readable_history_value,
)


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


def test_a_history_value_reads_as_people_write_it() -> None:
    names = {"contact_id": {34: "Ada Lovelace"}, "owner_id": {7: "Rita Rep"}}
    assert readable_history_value("contact_id", "34", names) == "Ada Lovelace"
    assert readable_history_value("owner_id", "7", names) == "Rita Rep"
    assert readable_history_value("contact_id", "35", names) == "#35"  # hidden from the viewer, or deleted
    assert readable_history_value("amount", "13250.00", names, "EUR") == "13,250.00 EUR"
    assert readable_history_value("amount", "13250.5", names) == "13,250.50"
    assert readable_history_value("amount", "n/a", names, "EUR") == "n/a"
    assert readable_history_value("city", "13250", names, "EUR") == "13250"  # not money
    assert readable_history_value("contact_id", None, names) == ""
    assert readable_history_value("name", "", names) == ""


def test_a_history_field_is_named_by_its_label() -> None:
    assert history_field_label("contact_id") == "Contact"
    assert history_field_label("second_owner_id") == "Second manager"
    assert history_field_label("close_date") == "Expected close"
    assert history_field_label("zip") == "ZIP"
    assert history_field_label("owner_id") == "Owner"
    assert history_field_label("vat_no") == "VAT no."
    assert history_field_label("custom") == "Custom fields"


def test_custom_fields_in_history_show_their_labels() -> None:
    labels = {"tier": "Customer tier", "tier_note": "Tier note"}
    value = "region=North, tier=2, tier_note=big, too"
    assert readable_history_value("custom", value, {}, None, labels) == (
        "region=North, Customer tier: 2, Tier note: big, too"
    )
    assert readable_history_value("custom", "tier=2", {}) == "tier=2"  # no labels known: as written
    assert readable_history_value("city", "tier=2", {}, None, labels) == "tier=2"  # only the custom field
