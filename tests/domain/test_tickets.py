"""The shared inbox's pure rules: threading by [#N], status steps, the median first-reply time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from rxcrm.domain.errors import ValidationFailed
from rxcrm.domain.records.history import FieldChange
from rxcrm.domain.tickets.notices import notice_kind, should_notify
from rxcrm.domain.tickets.tickets import (
    clean_message,
    clean_ticket,
    median_minutes,
    minutes_between,
    reply_subject,
    status_after_message,
    ticket_number_in,
)


@pytest.mark.parametrize(
    ("subject", "number"),
    [
        ("Re: [#42] Printer broken", 42),
        ("[#7]", 7),
        ("AW: AW: [#12] x [#13]", 12),
        ("Printer broken", None),
        ("#42 without brackets", None),
        ("[# 42] spaced", None),
        ("[#abc]", None),
        ("", None),
        (None, None),
    ],
)
def test_the_ticket_number_is_read_from_the_subject(subject: str | None, number: int | None) -> None:
    assert ticket_number_in(subject) == number


def test_a_reply_subject_carries_the_number_once() -> None:
    assert reply_subject(42, "Printer broken") == "[#42] Printer broken"
    assert reply_subject(42, "[#42] Printer broken") == "[#42] Printer broken"
    assert ticket_number_in(reply_subject(9, "Hello")) == 9


@pytest.mark.parametrize(
    ("status", "kind", "after"),
    [
        ("closed", "customer", "open"),  # a customer writing to a closed ticket reopens it
        ("pending", "customer", "open"),
        ("open", "reply", "pending"),  # waiting for the customer
        ("closed", "reply", "closed"),
        ("open", "internal_note", "open"),
        ("pending", "internal_note", "pending"),
    ],
)
def test_status_steps(status: str, kind: str, after: str) -> None:
    assert status_after_message(status, kind) == after


def test_users_post_replies_and_notes_only() -> None:
    assert clean_message("reply", "  Thanks!\n") == ("reply", "Thanks!")
    with pytest.raises(ValidationFailed) as refused:
        clean_message("customer", "")
    assert set(refused.value.fields) == {"kind", "body"}


def test_a_new_ticket_needs_a_valid_sender_a_subject_and_a_body() -> None:
    assert clean_ticket({"from_email": " Ann@Example.COM ", "subject": " Hi\nthere ", "body": "Help"}) == {
        "from_email": "ann@example.com",
        "subject": "Hi there",
        "body": "Help",
    }
    with pytest.raises(ValidationFailed) as refused:
        clean_ticket({"from_email": "not-an-address", "subject": " ", "body": None})
    assert set(refused.value.fields) == {"from_email", "subject", "body"}


def test_the_median_first_reply_time() -> None:
    start = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    assert minutes_between(start, start + timedelta(minutes=90)) == 90
    assert median_minutes([10, 50, 30]) == 30
    assert median_minutes([10, 20]) == 15
    assert median_minutes([]) is None


def test_the_responsible_hears_of_customer_messages_notes_and_closing_but_never_of_his_own() -> None:
    assert notice_kind("message", [FieldChange("customer", None, "Hi")]) == "customer"
    assert notice_kind("message", [FieldChange("internal_note", None, "n")]) == "note"
    assert notice_kind("message", [FieldChange("reply", None, "r")]) is None
    assert notice_kind("update", [FieldChange("status", "open", "closed")]) == "closed"
    assert notice_kind("update", [FieldChange("status", "closed", "open")]) is None
    assert should_notify(5, None) and should_notify(5, 6)
    assert not should_notify(5, 5) and not should_notify(None, 6)
