"""Invoice rules: the number, overdue by the due date, the allowed status steps and due-date changes."""

from __future__ import annotations

from datetime import date

import pytest

from rxcrm.domain.commerce.invoices import (
    check_change,
    check_payment_days,
    default_due_date,
    invoice_number,
    shown_status,
)
from rxcrm.domain.errors import Conflict, ValidationFailed

ISSUED = date(2026, 3, 1)


def test_the_number_is_the_year_and_a_four_digit_sequence() -> None:
    assert invoice_number(2026, 1) == "2026-0001"
    assert invoice_number(2026, 42) == "2026-0042"
    assert invoice_number(2027, 12345) == "2027-12345"


def test_the_due_date_defaults_to_the_payment_term_after_the_issue_day() -> None:
    assert default_due_date(ISSUED) == date(2026, 3, 31)
    assert default_due_date(ISSUED, 14) == date(2026, 3, 15)
    assert check_payment_days(365) == 365
    with pytest.raises(ValidationFailed):
        check_payment_days(0)


def test_only_a_sent_invoice_past_its_due_date_is_overdue() -> None:
    due = date(2026, 3, 31)
    assert shown_status("sent", due, date(2026, 3, 31)) == "sent"
    assert shown_status("sent", due, date(2026, 4, 1)) == "overdue"
    assert shown_status("draft", due, date(2026, 4, 1)) == "draft"
    assert shown_status("paid", due, date(2026, 4, 1)) == "paid"


@pytest.mark.parametrize(("current", "wanted"), [("draft", "sent"), ("sent", "paid"), ("paid", "sent")])
def test_an_invoice_moves_one_step(current: str, wanted: str) -> None:
    assert check_change(current, ISSUED, {"status": wanted}).status == wanted


@pytest.mark.parametrize(("current", "wanted"), [("draft", "paid"), ("sent", "draft"), ("paid", "draft")])
def test_skipping_or_going_back_to_draft_is_a_conflict(current: str, wanted: str) -> None:
    with pytest.raises(Conflict, match="can only become"):
        check_change(current, ISSUED, {"status": wanted})


def test_bad_changes_name_the_field() -> None:
    with pytest.raises(ValidationFailed) as overdue:
        check_change("sent", ISSUED, {"status": "overdue"})
    assert "follows from the due date" in overdue.value.fields["status"]
    with pytest.raises(ValidationFailed) as early:
        check_change("sent", ISSUED, {"due_date": "2026-02-28"})
    assert "issue date" in early.value.fields["due_date"]
    with pytest.raises(ValidationFailed) as garbled:
        check_change("sent", ISSUED, {"due_date": "soon", "amount": "1"})
    assert set(garbled.value.fields) == {"due_date", "amount"}
    with pytest.raises(ValidationFailed):
        check_change("sent", ISSUED, {"due_date": None})


def test_the_due_date_moves_until_the_invoice_is_paid() -> None:
    assert check_change("sent", ISSUED, {"due_date": "2026-04-15"}).due_date == date(2026, 4, 15)
    with pytest.raises(Conflict, match="paid"):
        check_change("paid", ISSUED, {"due_date": "2026-04-15"})
