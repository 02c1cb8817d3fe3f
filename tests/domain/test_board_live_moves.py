"""How open boards apply another user's move: which changes are plain moves, what the feed carries, where
the card goes and what the column totals become."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from rxcrm.domain.pipeline.board import (
    MAX_FEED_MOVES,
    OTHER_CHANGE,
    WHOLE_BOARD,
    BoardMove,
    LoadedColumns,
    board_value,
    card_sort_key,
    column_after,
    feed_moves,
    is_plain_move,
    move_stamp,
    parse_feed_moves,
    place_moved_card,
)

NOW = datetime(2026, 3, 14, 9, 30, tzinfo=UTC)


def test_a_stage_change_with_its_consequences_is_a_plain_move() -> None:
    assert is_plain_move("opportunity", "update", ["stage_id", "status", "probability", "closed_at"])
    assert is_plain_move("opportunity", "update", ["stage_id", "lost_reason"])


def test_an_edit_a_creation_or_another_record_is_not_a_plain_move() -> None:
    assert not is_plain_move("opportunity", "update", ["stage_id", "amount"])
    assert not is_plain_move("opportunity", "update", ["probability"])
    assert not is_plain_move("opportunity", "create", ["stage_id"])
    assert not is_plain_move("lead", "update", ["stage_id"])


def test_the_stamp_changes_with_every_change_of_the_deal_and_fits_a_javascript_number() -> None:
    stamp = move_stamp(7, NOW)
    assert stamp == move_stamp(7, NOW.replace(tzinfo=None))  # stored naive means UTC
    assert stamp != move_stamp(7, NOW + timedelta(microseconds=1))
    assert stamp != move_stamp(8, NOW)
    assert 0 <= stamp < 2**53


def test_the_feed_carries_moves_only_when_moving_deals_is_all_a_commit_did() -> None:
    one, two = BoardMove(1, 10, 11, 5), BoardMove(2, 12, 10, 6)
    assert feed_moves({one}, {10, 11}) == [one]
    assert feed_moves({two, one}, {10, 11, 12}) == [one, two]
    assert feed_moves({one, OTHER_CHANGE}, {10, 11}) == []  # the same commit edited something
    assert feed_moves({one}, {10, 11, 13}) == []  # another column changed too
    assert feed_moves({one}, {10, 11, WHOLE_BOARD}) == []
    assert feed_moves({one, BoardMove(1, 11, 12, 9)}, {10, 11, 12}) == []  # moved twice
    many = {BoardMove(i, 10, 11, i) for i in range(1, MAX_FEED_MOVES + 2)}
    assert feed_moves(many, {10, 11}) == []
    assert feed_moves((), {10}) == []


def test_a_board_reads_the_feed_moves_back_or_refuses_malformed_ones() -> None:
    assert parse_feed_moves([[1, 10, 11, 5]]) == [BoardMove(1, 10, 11, 5)]
    for bad in (None, [], [[1, 10, 11]], [[1, 10, "11", 5]], [[True, 10, 11, 5]], "x"):
        assert parse_feed_moves(bad) is None


def test_amounts_are_converted_exactly_and_a_currency_without_rate_has_no_value() -> None:
    rates = {"USD": Decimal("0.923457")}
    assert board_value(Decimal("100.00"), "EUR", "EUR", rates) == Decimal("100.00")
    assert board_value(Decimal("10.01"), "USD", "EUR", rates) == Decimal("9.24380457")
    assert board_value(Decimal("10.00"), "GBP", "EUR", rates) is None


def test_a_deal_leaving_or_joining_a_column_changes_its_totals() -> None:
    assert column_after((3, Decimal("30"), 1), Decimal("5.5"), -1) == (2, Decimal("24.5"), 1)
    assert column_after((3, Decimal("30"), 1), None, 1) == (4, Decimal("30"), 2)
    assert column_after((3, None, 0), Decimal("5"), 1) == (4, None, 0)  # amount hidden stays hidden


def _keys(*deals: tuple[int, int]) -> list[tuple[int, int]]:
    return [card_sort_key(NOW - timedelta(minutes=age), deal_id) for age, deal_id in deals]


def test_a_moved_card_leaves_its_column_and_goes_to_the_top_of_the_new_one() -> None:
    columns = LoadedColumns(
        [_keys((1, 5), (2, 6)), _keys((3, 7))],
        [2, 1],
        [(2, Decimal("20"), 0), (1, Decimal("1"), 0)],
    )
    moved_key = card_sort_key(NOW, 6)
    assert place_moved_card(columns, 0, 1, 6, moved_key, Decimal("10")) == (1, 0)
    assert columns.keys == [_keys((1, 5)), [moved_key, *_keys((3, 7))]]
    assert columns.loaded == [1, 2]
    assert columns.totals == [(1, Decimal("10"), 0), (2, Decimal("11"), 0)]


def test_a_card_sorting_below_the_loaded_cards_only_counts_until_more_are_shown() -> None:
    columns = LoadedColumns(
        [[], _keys((1, 7), (2, 8))], [0, 2], [(1, Decimal("4"), 0), (5, Decimal("50"), 0)]
    )
    old = card_sort_key(NOW - timedelta(days=3), 9)
    assert place_moved_card(columns, 0, 1, 9, old, Decimal("4")) == (None, None)
    assert columns.loaded == [0, 2] and columns.totals[1] == (6, Decimal("54"), 0)
    complete = LoadedColumns([[], _keys((1, 7))], [0, 1], [(1, Decimal("4"), 0), (1, Decimal("1"), 0)])
    assert place_moved_card(complete, 0, 1, 9, old, Decimal("4")) == (None, 1)  # all shown: goes last


def test_a_move_to_or_from_a_column_not_on_the_board_touches_only_the_other() -> None:
    columns = LoadedColumns([_keys((1, 5))], [1], [(1, Decimal("3"), 0)])
    assert place_moved_card(columns, 0, None, 5, card_sort_key(NOW, 5), Decimal("3")) == (0, None)
    assert columns.totals == [(0, Decimal("0"), 0)] and columns.keys == [[]]
