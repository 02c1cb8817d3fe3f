"""Tag colours, bulk-edit tag merging and id limits, and formula-safe export cells."""

from __future__ import annotations

import csv
import io

import pytest

from rxcrm.domain.errors import ValidationFailed
from rxcrm.domain.pipeline.board import TAG_COLOURS, check_bulk_ids, merged_tags, tag_colour
from rxcrm.domain.records.export import csv_text, safe_cell


def test_a_tag_always_has_the_same_colour_whatever_its_case_or_spacing() -> None:
    assert tag_colour("VIP") == tag_colour("vip") == tag_colour("  Vip ")
    assert tag_colour("Renewal") == tag_colour(" renewal ") == tag_colour("RENEWAL") in TAG_COLOURS
    assert all(tag_colour(t) in TAG_COLOURS for t in ("a", "b", "Q3", "überfällig", ""))


def test_the_colour_is_the_blake2s_digest_of_the_lower_case_tag_modulo_the_palette() -> None:
    # blake2s("renewal", 2 bytes) = 0x464b = 17995, 17995 % 12 = 7 -> TAG_COLOURS[7]
    # blake2s("vip", 2 bytes) = 0x97c0 = 38848, 38848 % 12 = 4 -> TAG_COLOURS[4]
    assert (tag_colour("Renewal"), tag_colour("VIP")) == ("teal", "violet")


def test_tags_spread_over_several_colours() -> None:
    assert len({tag_colour(f"tag-{n}") for n in range(40)}) > 4


def test_merged_tags_keep_order_and_drop_case_insensitive_duplicates() -> None:
    assert merged_tags(["VIP", "renewal"], ["vip", " Q3 ", "q3", ""], ["RENEWAL"]) == ["VIP", "Q3"]
    assert merged_tags([], None, None) == []
    assert merged_tags(["a"], None, ["missing"]) == ["a"]


@pytest.mark.parametrize("ids", [[], None, "1,2", [1, "2"], [True], list(range(501))])
def test_a_bulk_edit_names_one_to_500_integer_ids(ids) -> None:
    with pytest.raises(ValidationFailed) as caught:
        check_bulk_ids(ids)
    assert "ids" in caught.value.fields


def test_bulk_ids_are_deduplicated_and_sorted() -> None:
    assert check_bulk_ids([3, 1, 3, 2]) == [1, 2, 3]
    assert check_bulk_ids(list(range(500))) == list(range(500))
    with pytest.raises(ValidationFailed):
        check_bulk_ids([1, 2, 3], limit=2)


@pytest.mark.parametrize("value", ["=1+1", "+41 555", "-2", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("x")'])
def test_a_cell_a_spreadsheet_would_run_gets_an_apostrophe(value: str) -> None:
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize(("value", "shown"), [("Acme", "Acme"), (None, ""), (12, "12"), ("a=b", "a=b")])
def test_plain_cells_stay_as_they_are(value, shown: str) -> None:
    assert safe_cell(value) == shown


def test_csv_text_makes_header_and_every_cell_safe() -> None:
    text = csv_text(["=Name", "Amount"], [["=1+1", "-5"], ["Acme, Inc.", None]])
    assert list(csv.reader(io.StringIO(text))) == [
        ["'=Name", "Amount"],
        ["'=1+1", "'-5"],
        ["Acme, Inc.", ""],
    ]
