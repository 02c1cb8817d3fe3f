"""Task rules (spec §5.5): required title, allowed values, the primary account, overdue."""

from __future__ import annotations

from datetime import date

import pytest

from rxcrm.domain.errors import ValidationFailed
from rxcrm.domain.tasks.tasks import is_overdue, linked_order, primary_of, validate_task


def test_a_task_needs_a_title_and_known_status_and_priority() -> None:
    with pytest.raises(ValidationFailed) as refused:
        validate_task({"title": "  ", "status": "later", "priority": "urgent", "due_date": "31.01."}, True)
    assert set(refused.value.fields) == {"title", "status", "priority", "due_date"}
    values = validate_task({"title": " Call back ", "priority": "high", "due_date": "2031-01-15"}, True)
    assert values == {"title": "Call back", "priority": "high", "due_date": date(2031, 1, 15)}


def test_a_change_checks_only_the_fields_it_sends() -> None:
    assert validate_task({"status": "done"}, creating=False) == {"status": "done"}
    with pytest.raises(ValidationFailed) as refused:
        validate_task({"status": None}, creating=False)
    assert set(refused.value.fields) == {"status"}


def test_the_first_linked_account_is_primary_and_a_star_moves_one_to_the_front() -> None:
    assert primary_of(linked_order([7, 3, 7, 9])) == 7
    assert linked_order([7, 3, 9], primary=9) == [9, 7, 3]
    assert primary_of([]) is None


def test_removing_the_primary_makes_the_next_one_primary() -> None:
    links = linked_order([7, 3, 9])
    assert primary_of([a for a in links if a != 7]) == 3


def test_the_primary_must_be_a_linked_account() -> None:
    with pytest.raises(ValidationFailed) as refused:
        linked_order([7, 3], primary=4)
    assert "primary_account_id" in refused.value.fields
    with pytest.raises(ValidationFailed):
        linked_order([7, "x"])


def test_an_open_task_is_overdue_only_after_its_due_day() -> None:
    today = date(2026, 12, 6)
    assert is_overdue("open", date(2026, 12, 5), today)
    assert not is_overdue("open", today, today)
    assert not is_overdue("done", date(2026, 12, 1), today)
    assert not is_overdue("open", None, today)
