"""A card flags a deal whose expected close date has passed."""

from __future__ import annotations

from datetime import date

from rxcrm.domain.pipeline.board import is_overdue


def test_only_an_open_deal_past_its_close_date_is_overdue() -> None:
    today = date(2026, 12, 5)
    assert is_overdue(date(2026, 12, 4), "open", today)
    assert not is_overdue(date(2026, 12, 5), "open", today)  # closing today is not late yet
    assert not is_overdue(date(2026, 1, 1), "won", today)
    assert not is_overdue(date(2026, 1, 1), "lost", today)
    assert not is_overdue(None, "open", today)
